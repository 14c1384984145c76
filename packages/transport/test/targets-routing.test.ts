import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogger, DEFAULT_LEVELS } from '@sluice/core';
import { createTransport } from '../dist/esm/index.js';
import { closeTransport } from './support/close-transport.js';
import { assertNoDuplicatesInOrder, readRecords, tempDir } from './support/records.js';

// Several targets in one transport: each gets exactly the records at or above its level, in order, in
// its own format; a format shared by several targets is rendered once per record.

const dir = tempDir('targets');
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
const PER_LEVEL = 2_000;

test('each target gets exactly the records at or above its level, each once and in order', async () => {
  const files = { all: join(dir, 'all.log'), info: join(dir, 'info.log'), error: join(dir, 'error.log') };
  const transport = createTransport({
    targets: [
      { dest: files.all },
      { dest: files.info, level: 'info' },
      { dest: { type: 'file', path: files.error }, level: DEFAULT_LEVELS.error },
    ],
  });
  const log = createLogger({ transport, level: 'trace' });
  let seq = 0;
  for (let i = 0; i < PER_LEVEL; i++) {
    for (const level of LEVELS) log[level]({ seq: seq++ }, level);
  }
  await closeTransport(transport);

  const expectAtLeast = (file: string, min: number) => {
    const records = readRecords(file);
    assertNoDuplicatesInOrder(records);
    const expected = LEVELS.filter((l) => DEFAULT_LEVELS[l] >= min).length * PER_LEVEL;
    assert.equal(records.length, expected, `${file}: ${expected} records`);
    assert.ok(records.every((r) => r.level >= min));
  };
  expectAtLeast(files.all, 0);
  expectAtLeast(files.info, DEFAULT_LEVELS.info);
  expectAtLeast(files.error, DEFAULT_LEVELS.error);
  assert.equal(transport.stats().recordsWritten, LEVELS.length * PER_LEVEL);
  assert.equal(transport.stats().recordsRendered, 0, 'every target is in the ring format: nothing rendered');
});

test('a format shared by several targets is rendered once per record, and they get the same bytes', async () => {
  const files = ['a.logfmt', 'b.logfmt', 'c.kv', 'd.json'].map((name) => join(dir, name));
  const transport = createTransport({
    targets: [
      { dest: files[0], format: 'logfmt' },
      { dest: files[1], format: 'logfmt' },
      { dest: files[2], format: 'key_value' },
      { dest: files[3], format: 'json' },
    ],
  });
  const log = createLogger({ transport });
  const count = 3_000;
  for (let seq = 0; seq < count; seq++) log.info({ seq, user: 'ada' }, 'shared format');
  await closeTransport(transport);

  const logfmtA = readFileSync(files[0], 'utf8');
  assert.equal(readFileSync(files[1], 'utf8'), logfmtA);
  assert.equal(logfmtA.split('\n').length - 1, count);
  assert.match(
    logfmtA.split('\n')[0],
    /^level=info time=\S+ msg="shared format" pid=\d+ hostname=\S+ seq=0 user=ada$/,
  );
  assert.equal(readFileSync(files[2], 'utf8').split('\n').length - 1, count);
  assert.equal(readRecords(files[3]).length, count);
  // logfmt once + key_value once per record; the two logfmt targets share one rendering.
  assert.equal(transport.stats().recordsRendered, 2 * count);
});

test('levels and formats combine: an error-only logfmt target next to an everything JSON target', async () => {
  const all = join(dir, 'combined-all.log');
  const errors = join(dir, 'combined-errors.logfmt');
  const transport = createTransport({
    targets: [
      { dest: all, level: 'trace' },
      { dest: errors, level: 'error', format: 'logfmt' },
    ],
  });
  const log = createLogger({ transport, level: 'trace' });
  for (let seq = 0; seq < 1_000; seq++) {
    if (seq % 10 === 0) log.error({ seq }, 'mixed');
    else log.debug({ seq }, 'mixed');
  }
  await closeTransport(transport);
  assert.equal(readRecords(all).length, 1_000);
  const errorLines = readFileSync(errors, 'utf8').trimEnd().split('\n');
  assert.equal(errorLines.length, 100);
  assert.deepEqual(
    errorLines.map((line) => Number(/ seq=(\d+)/.exec(line)?.[1])),
    Array.from({ length: 100 }, (_, i) => i * 10),
  );
  assert.ok(errorLines.every((line) => line.startsWith('level=error ')));
  assert.equal(transport.stats().recordsRendered, 100, 'only records some logfmt target takes are rendered');
});

test('the worker’s own drop reports reach every target, in its format', async () => {
  const json = join(dir, 'drops.json');
  const logfmt = join(dir, 'drops.logfmt');
  const transport = createTransport({
    targets: [{ dest: json }, { dest: logfmt, format: 'logfmt', level: 'warn' }],
    policy: 'drop',
    ringBytes: 64 * 1024,
  });
  const log = createLogger({ transport });
  await transport.ready;
  const big = 'x'.repeat(2_000);
  for (let seq = 0; seq < 20_000; seq++) log.info({ seq, big }, 'flood');
  await closeTransport(transport);
  const dropped = Object.values(transport.stats().dropped).reduce((a, b) => a + b, 0);
  assert.ok(dropped > 0, 'the flood overflowed the ring');
  const reports = readFileSync(logfmt, 'utf8').trimEnd().split('\n');
  assert.ok(reports.length > 0);
  assert.ok(reports.every((line) => /^level=warn .*msg="sluice dropped \d+ records" .*dropped=/.test(line)));
  const reported = reports.reduce(
    (sum, line) => sum + Number(/msg="sluice dropped (\d+) records"/.exec(line)?.[1]),
    0,
  );
  assert.equal(reported, dropped);
  const jsonRecords = readRecords(json);
  assert.equal(jsonRecords.filter((r) => r.seq !== undefined).length + dropped, 20_000);
});

test('a ring is released only when every target has written: a stalled target holds flush() until it drains', async () => {
  const file = join(dir, 'beside-fifo.log');
  const fifo = join(dir, 'stalled.fifo');
  execFileSync('mkfifo', [fifo]);
  const transport = createTransport({ targets: [{ dest: file }, { dest: fifo }] });
  const log = createLogger({ transport });
  const count = 200;
  for (let seq = 0; seq < count; seq++) log.info({ seq }, 'held');
  let flushed = false;
  const flushing = transport.flush().then(() => {
    flushed = true;
  });
  // The file target gets every record while the FIFO has no reader (its open cannot even complete).
  const lines = () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);
  while (lines() < count) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(flushed, false, 'flush() waits for the stalled target');
  assert.equal(transport.stats().recordsWritten, 0, 'nothing is released while one target holds it');

  const chunks: Buffer[] = [];
  const reader = createReadStream(fifo).on('data', (chunk) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve) => reader.on('close', () => resolve()));
  await flushing;
  assert.equal(transport.stats().recordsWritten, count);
  await closeTransport(transport);
  await ended;
  const fromFifo = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
  assert.deepEqual(
    fromFifo.map((line) => JSON.parse(line).seq),
    Array.from({ length: count }, (_, i) => i),
  );
  assert.equal(readRecords(file).length, count);
});
