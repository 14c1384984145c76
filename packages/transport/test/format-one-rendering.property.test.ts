import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Clock, createLogger, type Logger, RecordBuffer } from '@sluice/core';
import * as corpus from '@sluice/test-support/hostile-arbitraries';
import fc from 'fast-check';
import { createTransport } from '../dist/esm/index.js';
import { createRenderer } from '../dist/esm/render/create-renderer.js';
import { LogfmtRenderer } from '../dist/esm/render/logfmt-renderer.js';
import { parseJsonRecord } from '../dist/esm/render/parsed-record.js';
import { closeTransport } from './support/close-transport.js';
import { RecordingSink } from './support/recording-sink.js';
import { tempDir } from './support/records.js';

// One rendering per format, whichever path a record takes: the hostile corpus logged straight in
// logfmt, and logged as JSON then rendered by a transport's logfmt target, gives the same line.

const clock: Clock = { now: () => 1764164467123 };
const KEYS = { level: 'level', time: 'time', message: 'msg', error: 'err' };
const RUNS = 300;

type Call = (log: Logger, fields: object, message: string, error: Error) => void;

const CALL_SHAPES: readonly [string, Call][] = [
  ['info(fields, message)', (log, fields, message) => log.info(fields, message)],
  // No message: a string msg field is the message on both paths, any other stays a field.
  ['info(fields)', (log, fields) => log.info(fields)],
  ['info(message, fields)', (log, fields, message) => log.info(message, fields)],
  [
    'child(fields).warn(message)',
    (log, fields, message) => log.child(fields as Record<string, unknown>).warn(message),
  ],
  [
    'error(err, message)',
    (log, fields, message, error) => log.error(Object.assign(error, { fields }), message),
  ],
];

const PLAIN_ERROR = new Error('plain');

// Each value is built once and logged on both paths: an error's stack says where it was made.
function coreLogfmtLine(call: Call, fields: object, message: string, error = PLAIN_ERROR): string[] {
  const lines: string[] = [];
  const log = createLogger({
    format: 'logfmt',
    clock,
    name: 'svc',
    destination: { write: (s: string) => void lines.push(s) },
  });
  call(log, fields, message, error);
  return lines;
}

function transportLogfmtLine(call: Call, fields: object, message: string, error = PLAIN_ERROR): string[] {
  const sink = new RecordingSink(new RecordBuffer(4096));
  const log = createLogger({ transport: sink.link, clock, name: 'svc' });
  call(log, fields, message, error);
  const renderer = new LogfmtRenderer(KEYS);
  return sink.records.map((record) => {
    const bytes = Buffer.from(record.text);
    const out = new RecordBuffer(256);
    renderer.render(out, parseJsonRecord(bytes, 0, bytes.length, record.level, KEYS));
    return out.toString(0, out.pos);
  });
}

for (const [name, call] of CALL_SHAPES) {
  test(`logfmt: core and a transport's logfmt target write the same line for hostile fields, ${name}`, () => {
    fc.assert(
      fc.property(corpus.hostileFields, corpus.hostileString, (recipe, message) => {
        const fields = recipe.build();
        const error = new Error(message);
        assert.deepEqual(
          transportLogfmtLine(call, fields, message, error),
          coreLogfmtLine(call, fields, message, error),
        );
      }),
      { numRuns: RUNS },
    );
  });
}

test('logfmt: the issue’s cases render the same on both paths (Date, NaN, a field pid, a field msg)', () => {
  const fields = { at: new Date(0), nan: Number.NaN, pid: 'forged', msg: 'a field', 7: 'integer key' };
  const call: Call = (log, f, message) => log.info(f, message);
  const [direct] = coreLogfmtLine(call, fields, 'm');
  assert.deepEqual(transportLogfmtLine(call, fields, 'm'), [direct]);
  assert.match(direct, / at=1970-01-01T00:00:00\.000Z /);
  assert.match(direct, / nan= /);
  assert.match(direct, / pid=\d+ .* _pid=forged /);
  assert.match(direct, / _msg="a field"/);
});

test('logfmt: a msg field with no message argument is the message on both paths, other fields stay', () => {
  const call: Call = (log, fields) => log.info(fields);
  for (const [fields, expected] of [
    [{ a: 1, msg: 'a field', b: 2 }, / msg="a field" pid=\d+ hostname=\S+ name=svc a=1 b=2\n$/],
    [{ msg: 5 }, / name=svc _msg=5\n$/],
    [{ msg: new Date(0) }, / name=svc _msg=1970-01-01T00:00:00\.000Z\n$/],
  ] as const) {
    const [direct] = coreLogfmtLine(call, fields, '');
    assert.deepEqual(transportLogfmtLine(call, fields, ''), [direct]);
    assert.match(direct, expected);
  }
});

test('end to end: a real transport’s logfmt target writes core’s logfmt lines for every hostile construct', async () => {
  const dir = tempDir('one-rendering');
  const file = join(dir, 'out.logfmt');
  const transport = createTransport({ targets: [{ dest: file, format: 'logfmt' }] });
  const log = createLogger({ transport, clock, name: 'svc' });
  const calls: object[] = [
    ...corpus.HOSTILE_FACTORIES.map((make) => ({ value: make() })),
    ...corpus.RISKY_KEYS.map((key) => ({ [key]: 'risky' })),
    ...corpus.FORGERY_PAYLOADS.map((payload) => ({ payload, [payload]: 1 })),
  ];
  const call: Call = (l, f, message) => l.info(f, message);
  for (const fields of calls) call(log, fields, 'hostile', PLAIN_ERROR);
  await closeTransport(transport);
  const expected = calls.flatMap((fields) => coreLogfmtLine(call, fields, 'hostile'));
  assert.deepEqual(readFileSync(file, 'utf8').split(/(?<=\n)/), expected);
});

test('key_value and pretty targets keep a field named like the message (JSON has it twice)', () => {
  const sink = new RecordingSink(new RecordBuffer(1024));
  createLogger({ transport: sink.link, clock, base: null, name: 'api' }).info({ msg: 'a field', n: 1 }, 'm');
  const [record] = sink.records;
  const rendered = (['key_value', 'pretty'] as const).map((format) => {
    const bytes = Buffer.from(record.text);
    const out = new RecordBuffer(256);
    createRenderer(format, KEYS, false).render(
      out,
      parseJsonRecord(bytes, 0, bytes.length, record.level, KEYS),
    );
    return out.toString(0, out.pos);
  });
  assert.match(rendered[0], /\[info {5}\] m {30}msg='a field' n=1 name=api\n$/);
  assert.match(rendered[1], / INFO {2}m name=api msg="a field" n=1\n$/);
});
