import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { collectingLogger, onlyLine } from './support/collecting-logger.js';

// A logfmt value says what the same field says in core's JSON: the JSON value itself when it is a
// string, number or boolean, nothing for null, the JSON text quoted for objects and arrays. So a value
// with toJSON is its toJSON result, and a non-finite number is null, as in JSON and through a transport.

const logfmt = createRequire(import.meta.url)('logfmt') as { parse(line: string): Record<string, unknown> };

function logfmtLine(fields: object): string {
  const { log, lines } = collectingLogger({ format: 'logfmt', timestamp: false, base: null });
  log.info(fields, 'm');
  return onlyLine(lines);
}

test('a Date is written as its ISO string, bare, as pino users read it', () => {
  const line = logfmtLine({ at: new Date(0) });
  assert.equal(line, 'level=info msg=m at=1970-01-01T00:00:00.000Z\n');
  assert.equal(logfmt.parse(line).at, '1970-01-01T00:00:00.000Z');
});

test('a toJSON result is written as that value: a string with spaces quoted, a number bare, null empty', () => {
  const line = logfmtLine({
    text: { toJSON: () => 'two words' },
    count: { toJSON: () => 5 },
    none: { toJSON: () => null },
    nested: { toJSON: () => ({ a: [1] }) },
  });
  assert.equal(line, 'level=info msg=m text="two words" count=5 none= nested="{\\"a\\":[1]}"\n');
  assert.deepEqual(logfmt.parse(line), {
    level: 'info',
    msg: 'm',
    text: 'two words',
    count: '5',
    none: null,
    nested: '{"a":[1]}',
  });
});

test('non-finite numbers are empty values (null), as core JSON writes them', () => {
  const line = logfmtLine({ nan: Number.NaN, inf: Number.POSITIVE_INFINITY, ninf: Number.NEGATIVE_INFINITY });
  assert.equal(line, 'level=info msg=m nan= inf= ninf=\n');
});

test('markers for unserializable values are plain quoted strings, not JSON string literals', () => {
  const fields: Record<string, unknown> = {
    bad: {
      toJSON: () => {
        throw new Error('no');
      },
    },
  };
  fields.loop = fields;
  const line = logfmtLine(fields);
  assert.equal(line, 'level=info msg=m bad="[Unserializable: Error: no]" loop=[Circular]\n');
});
