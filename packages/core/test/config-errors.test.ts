import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createLogger, destination } from '../dist/esm/index.js';
import { assertConfigError } from './support/config-error.js';
import { RecordCollector } from './support/record-collector.js';

type AnyOptions = Parameters<typeof createLogger>[0] & Record<string, unknown>;

const create = (options: Record<string, unknown>) =>
  createLogger({ destination: new RecordCollector(), ...options } as AnyOptions);

describe('createLogger option errors name the bad value and the valid choices', () => {
  const levelChoices = ['"trace"', '"debug"', '"info"', '"warn"', '"error"', '"fatal"', '"silent"'];
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['unknown level name', { level: 'verbose' }, ['level', '"verbose"', ...levelChoices]],
    ['level of the wrong case', { level: 'INFO' }, ['"INFO"', ...levelChoices]],
    ['level NaN', { level: Number.NaN }, ['level', 'NaN', '"info"']],
    ['level of the wrong type', { level: true }, ['level', 'true', '"info"']],
    ['unknown format', { format: 'xml' }, ['format', '"xml"', '"json"', '"logfmt"']],
    ['unknown timestamp', { timestamp: 'unix' }, ['timestamp', '"unix"', '"epoch"', '"iso"', 'false']],
    ['timestamp: true', { timestamp: true }, ['timestamp', 'true', '"epoch"', '"iso"']],
    ['timestamp as the string "false"', { timestamp: 'false' }, ['timestamp', '"false"', '"epoch"', '"iso"']],
    ['empty keys.level', { keys: { level: '' } }, ['keys.level', '""', 'non-empty string']],
    ['non-string keys.message', { keys: { message: 3 } }, ['keys.message', '3', 'non-empty string']],
    ['non-string keys.error', { keys: { error: null } }, ['keys.error', 'null']],
    ['customLevels named silent', { customLevels: { silent: 5 } }, ['"silent"']],
    ['customLevels shadowing a method', { customLevels: { child: 5 } }, ['"child"']],
    ['customLevels with a non-identifier name', { customLevels: { 'a-b': 5 } }, ['"a-b"']],
    ['customLevels with a fractional value', { customLevels: { audit: 1.5 } }, ['"audit"', '1.5']],
    ['customLevels with value 0', { customLevels: { audit: 0 } }, ['"audit"', '0']],
    ['customLevels reusing a default value', { customLevels: { audit: 30 } }, ['"audit"', '30', '"info"']],
    ['a non-string name', { name: 42 }, ['name', '42']],
    ['a destination that is not a sink, stream or options', { destination: 5 }, ['destination', '5']],
  ];
  for (const [name, options, mentions] of cases) {
    test(name, () => {
      assertConfigError(() => create(options), mentions);
    });
  }

  test('a custom level is listed among the valid choices of a bad level', () => {
    assertConfigError(() => create({ customLevels: { audit: 35 }, level: 'nope' }), ['"nope"', '"audit"']);
  });
});

describe('run-time configuration errors', () => {
  test('setting logger.level to an unknown name', () => {
    const log = create({});
    assertConfigError(() => {
      log.level = 'loud';
    }, ['"loud"', '"info"', '"silent"']);
  });

  test('a child with an unknown level', () => {
    assertConfigError(() => create({}).child({}, { level: 'loud' }), ['"loud"', '"info"']);
  });
});

describe('event schema errors', () => {
  const log = create({});
  const event = (schema: unknown) => () => log.event('m', schema as Record<string, 'string'>);

  test('an unknown scalar type names it and the valid ones', () => {
    assertConfigError(event({ a: 'str' }), [
      '"a"',
      '"str"',
      '"string"',
      '"integer"',
      '"number"',
      '"boolean"',
    ]);
  });

  test('a field type that is neither a name nor a schema object', () => {
    assertConfigError(event({ a: 42 }), ['"a"', "'string'"]);
    assertConfigError(event({ a: {} }), ['"a"', "'string'"]);
  });

  test('a schema that is not an object or a list', () => {
    assertConfigError(event(null), ['schema']);
    assertConfigError(event('a:string'), ['schema']);
  });

  test('a malformed tuple entry and a repeated key', () => {
    assertConfigError(event([['a']]), ['entry 0']);
    assertConfigError(
      event([
        ['a', 'string'],
        ['a', 'integer'],
      ]),
      ['"a"', 'twice'],
    );
  });

  test('a nested schema with an unknown type', () => {
    assertConfigError(event({ a: { type: 'strin' } }), ['"a"', 'strin']);
    assertConfigError(event({ a: { type: 'object', properties: { b: { type: 'nope' } } } }), ['"a"', 'nope']);
  });

  test('a nested schema that fast-json-stringify rejects', () => {
    assertConfigError(event({ a: { type: 'object', properties: 5 } }), ['"a"', 'properties']);
  });
});

describe('destination option errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a negative minLength', () => {
    assertConfigError(() => destination({ dest: join(dir, 'a.log'), minLength: -1 }), ['minLength', '-1']);
  });

  test('a bad file descriptor or empty path', () => {
    assertConfigError(() => destination({ dest: -1 }), ['dest', '-1']);
    assertConfigError(() => destination({ dest: '' }), ['dest', '""']);
  });

  test('a file that cannot be opened carries the cause', () => {
    const path = join(dir, 'missing', 'dir', 'x.log');
    const error = assertConfigError(() => destination({ dest: path }), [path]);
    assert.equal((error.cause as NodeJS.ErrnoException).code, 'ENOENT');
  });
});
