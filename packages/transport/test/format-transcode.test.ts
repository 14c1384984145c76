import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Clock, createLogger, type Logger, RecordBuffer } from '@sluice/core';
import { getLogger, setupTelemetry, shutdownTelemetry } from '@sluice/foundation';
import { createTransport } from '../dist/esm/index.js';
import { KeyValueRenderer } from '../dist/esm/render/key-value-renderer.js';
import { LogfmtRenderer } from '../dist/esm/render/logfmt-renderer.js';
import { parseJsonRecord } from '../dist/esm/render/parsed-record.js';
import { closeTransport } from './support/close-transport.js';
import { RecordingSink } from './support/recording-sink.js';
import { tempDir } from './support/records.js';

// The worker re-renders the ring's JSON lines in other formats with core's and foundation's own
// encoders: a transcoded line must be what core (or foundation) writes directly for the same call.

// The `logfmt` parser core's tests use, found through @sluice/core's own dependencies.
const logfmt = createRequire(createRequire(import.meta.url).resolve('@sluice/core/package.json'))(
  'logfmt',
) as {
  parse(line: string): Record<string, unknown>;
};

const clock: Clock = { now: () => 1764164467123 };
const KEYS = { level: 'level', time: 'time', message: 'msg', error: 'err' };

function recorded(format: 'json' | 'logfmt', call: (log: Logger) => void): { level: number; text: string }[] {
  const sink = new RecordingSink(new RecordBuffer(4096));
  const log = createLogger({ format, transport: sink.link, clock, level: 'trace', name: 'tx', base: null });
  call(log);
  return sink.records;
}

const error = new Error('boom');
const CALLS: [string, (log: Logger) => void][] = [
  ['a plain message', (log) => log.info('hello world')],
  [
    'fields and nesting',
    (log) => log.warn({ a: 1, b: 'two words', nested: { deep: [1, { x: null }] }, yes: true }, 'with fields'),
  ],
  ['no message', (log) => log.debug({ only: 'fields' })],
  // A field named `msg` is a duplicate key before the message in JSON (as pino writes it): the worker
  // reads the line's entries in order, so it still becomes `_msg`.
  ['reserved names as fields', (log) => log.info({ level: 'a field', time: 3, msg: 'field' }, 'shadowing')],
  [
    'hostile text',
    (log) =>
      log.error(
        { control: 'a\nb\u001b[31m', quote: 'say "hi" \\', unicode: '日本語 🎉', empty: '' },
        'tab\there',
      ),
  ],
  ['an error', (log) => log.error(error, 'failed')],
  ['child bindings', (log) => log.child({ requestId: 'r-1' }).fatal({ n: 2.5 }, 'child')],
  ['numbers', (log) => log.trace({ big: 10n, neg: -0.5, int: 42 }, 'numbers')],
];

for (const [name, call] of CALLS) {
  test(`json -> logfmt equals core's logfmt: ${name}`, () => {
    const json = recorded('json', call);
    const direct = recorded('logfmt', call);
    assert.equal(json.length, direct.length);
    const renderer = new LogfmtRenderer(KEYS);
    json.forEach((record, i) => {
      const bytes = Buffer.from(record.text);
      const out = new RecordBuffer(256);
      renderer.render(out, parseJsonRecord(bytes, 0, bytes.length, record.level, KEYS));
      assert.equal(out.toString(0, out.pos), direct[i].text);
    });
  });
}

test('transcoded logfmt parses with the logfmt package back to the record’s values', () => {
  const [record] = recorded('json', (log) =>
    log.info({ user: 'ada lovelace', n: 3, ok: true }, 'parsed back'),
  );
  const bytes = Buffer.from(record.text);
  const out = new RecordBuffer(256);
  new LogfmtRenderer(KEYS).render(out, parseJsonRecord(bytes, 0, bytes.length, record.level, KEYS));
  const parsed = logfmt.parse(out.toString(0, out.pos).trimEnd());
  assert.equal(parsed.level, 'info');
  assert.equal(parsed.time, new Date(clock.now()).toISOString());
  assert.equal(parsed.msg, 'parsed back');
  assert.equal(parsed.user, 'ada lovelace');
  assert.equal(parsed.n, '3');
  assert.equal(parsed.ok, true);
  assert.equal(parsed.name, 'tx');
});

test('json -> key_value equals what provide.foundation’s key_value console line writes', () => {
  const fields = {
    iteration: 1,
    batch: 'performance_test',
    user_id: 12345,
    success: true,
    nested: { a: [1] },
  };
  const lines: string[] = [];
  setupTelemetry({
    destination: { write: (line: string) => void lines.push(line) },
    clock: clock.now,
    logging: { dasEmojiPrefixEnabled: false, loggerNameEmojiPrefixEnabled: false, omitTimestamp: false },
    env: {},
  });
  try {
    getLogger('benchmark').info('benchmark message', fields);
    getLogger('benchmark').warning('short');
  } finally {
    void shutdownTelemetry();
  }
  const sink = new RecordingSink(new RecordBuffer(1024));
  const log = createLogger({ transport: sink.link, clock, base: null });
  log.info(fields, 'benchmark message');
  log.warn('short');
  const renderer = new KeyValueRenderer();
  const rendered = sink.records.map((record) => {
    const bytes = Buffer.from(record.text);
    const out = new RecordBuffer(256);
    renderer.render(out, parseJsonRecord(bytes, 0, bytes.length, record.level, KEYS));
    return out.toString(0, out.pos);
  });
  assert.deepEqual(rendered, lines);
  assert.match(
    rendered[0],
    / \[info {5}\] benchmark message {14}batch=performance_test iteration=1 nested=\{"a":\[1\]\} success=true user_id=12345\n$/,
  );
});

test('a line that is not JSON is kept whole as the message, marked unparsed', () => {
  const bytes = Buffer.from('not { json at all\n');
  const record = parseJsonRecord(bytes, 0, bytes.length, 30, KEYS);
  assert.deepEqual(
    { level: record.level, time: record.time, message: record.message, fields: record.fields },
    { level: 30, time: null, message: 'not { json at all', fields: { unparsed: true } },
  );
});

test('end to end: a logfmt target of a JSON transport writes what core’s logfmt writes, time aside', async () => {
  const dir = tempDir('transcode');
  const file = join(dir, 'out.logfmt');
  const transport = createTransport({ targets: [{ dest: file, format: 'logfmt' }], base: null });
  const log = createLogger({ transport, base: null, name: 'tx', level: 'trace' });
  for (const [, call] of CALLS) call(log);
  await closeTransport(transport);
  const expected = CALLS.flatMap(([, call]) => recorded('logfmt', call).map((r) => r.text));
  const withoutTime = (line: string) => line.replace(/ time=\S+/, '');
  const lines = readFileSync(file, 'utf8').split(/(?<=\n)/);
  assert.deepEqual(lines.map(withoutTime), expected.map(withoutTime));
});
