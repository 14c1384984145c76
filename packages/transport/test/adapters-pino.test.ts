import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { createLogger, type SluiceError } from '@sluice/core';
import pino from 'pino';
import { levelOfLine } from '../dist/esm/adapters/line-level.js';
import { SluiceDestination, sluiceDestination } from '../dist/esm/adapters/pino.js';
import { createTransport } from '../dist/esm/index.js';
import { readJsonLines, readLines, runFixture, tempLogDir } from './support/adapter-log-file.js';
import { closeTransport } from './support/close-transport.js';
import { RecordingSink } from './support/recording-sink.js';

const logFile = tempLogDir('pino');

/** pino's own output for the same calls, captured from a plain stream. */
function capture(): { stream: { write(line: string): void }; lines: string[] } {
  const lines: string[] = [];
  return { stream: { write: (line: string) => void lines.push(line) }, lines };
}

function flushed(logger: pino.Logger): Promise<void> {
  return new Promise((resolve, reject) => logger.flush((error) => (error ? reject(error) : resolve())));
}

/** The same calls, on any pino logger: every level, nested fields, non-ASCII, escapes, an error. */
function logAssortment(log: pino.Logger, error: Error): void {
  log.trace('trace line');
  log.debug({ n: 1 }, 'debug line');
  log.info({ nested: { deep: [1, 'two', { three: 3 }] }, unicode: 'é ✓ 😀 日本' }, 'info line');
  log.warn('warn with "quotes", a \\ backslash and a\nnewline');
  log.error(error, 'error line');
  log.fatal({ big: 'x'.repeat(10_000) }, 'fatal line');
  log.child({ module: 'db', requestId: 42 }).info('child line');
}

describe('pino through sluiceDestination', () => {
  test('every line pino writes arrives byte for byte, in order', async () => {
    const file = logFile('intact.log');
    const options = { level: 'trace', timestamp: false, base: { app: 'intact' } } as const;
    const log = pino(options, sluiceDestination({ dest: file, append: false }));
    const reference = capture();
    const error = new Error('an error');
    logAssortment(log, error);
    logAssortment(pino(options, reference.stream), error);
    await flushed(log);

    assert.equal(readFileSync(file, 'utf8'), reference.lines.join(''));
    const records = readJsonLines(file);
    assert.deepEqual(
      records.map((r) => [r.level, r.msg]),
      [
        [10, 'trace line'],
        [20, 'debug line'],
        [30, 'info line'],
        [40, 'warn with "quotes", a \\ backslash and a\nnewline'],
        [50, 'error line'],
        [60, 'fatal line'],
        [30, 'child line'],
      ],
    );
    assert.equal(records[2].unicode, 'é ✓ 😀 日本');
    assert.deepEqual(records[2].nested, { deep: [1, 'two', { three: 3 }] });
    assert.equal(records[4].err.message, 'an error');
    assert.equal(records[5].big.length, 10_000);
    assert.equal(records[6].module, 'db');
    assert.equal(records[6].requestId, 42);
    assert.equal(records[6].app, 'intact');
  });

  test('child loggers keep their bindings and their own level', async () => {
    const file = logFile('children.log');
    const log = pino({ level: 'info' }, sluiceDestination({ dest: file, append: false }));
    const child = log.child({ component: 'cache' }, { level: 'debug' });
    const grandchild = child.child({ shard: 3 });
    log.debug('parent debug is off');
    child.debug('child debug is on');
    grandchild.info({ hits: 7 }, 'grandchild info');
    log.info('parent info');
    await flushed(log);

    const records = readJsonLines(file);
    assert.deepEqual(
      records.map((r) => r.msg),
      ['child debug is on', 'grandchild info', 'parent info'],
    );
    assert.equal(records[0].component, 'cache');
    assert.equal(records[0].level, 20);
    assert.equal(records[1].component, 'cache');
    assert.equal(records[1].shard, 3);
    assert.equal(records[1].hits, 7);
    assert.equal(records[2].component, undefined);
    assert.equal(records[2].pid, process.pid);
  });

  test('pino(sluiceDestination(...)) works as the only argument too', async () => {
    const file = logFile('only-argument.log');
    const log = pino(sluiceDestination({ dest: file, append: false }));
    log.info({ only: true }, 'one argument');
    await flushed(log);
    const [record] = readJsonLines(file);
    assert.equal(record.msg, 'one argument');
    assert.equal(record.only, true);
  });

  test('each record goes into the ring at the level pino gave it', () => {
    const sink = new RecordingSink();
    const log = pino(
      { level: 'trace', customLevels: { audit: 35 }, base: null },
      sluiceDestination({ transport: sink.link }),
    );
    log.trace('t');
    log.debug('d');
    log.info('i');
    log.audit('a');
    log.warn('w');
    log.error('e');
    log.fatal('f');
    assert.deepEqual(
      sink.records.map((r) => r.level),
      [10, 20, 30, 35, 40, 50, 60],
    );
    for (const record of sink.records) assert.equal(record.level, JSON.parse(record.text).level);
  });

  test('level labels (formatters.level) and odd lines go in at info', () => {
    const sink = new RecordingSink();
    const log = pino(
      { base: null, formatters: { level: (label) => ({ level: label }) } },
      sluiceDestination({ transport: sink.link }),
    );
    log.error('labelled');
    assert.equal(JSON.parse(sink.records[0].text).level, 'error');
    assert.equal(sink.records[0].level, 30);
    assert.equal(levelOfLine('{"level":123456}\n', 30), 30, 'more digits than a level has');
    assert.equal(levelOfLine('{"level":}\n', 30), 30);
    assert.equal(levelOfLine('plain text\n', 30), 30);
    assert.equal(levelOfLine('{"time":1,"level":50}\n', 30), 50, 'a level key after others');
  });

  test('a line up to half the ring fits, though three bytes a character would not', async () => {
    const file = logFile('long-line.log');
    // 64 KiB ring: a record may take up to 32 KiB. 30,000 ASCII characters estimated at 3 bytes each
    // (90,000) would be dropped as oversize; measured, they fit.
    const log = pino({ base: null }, sluiceDestination({ dest: file, append: false, ringBytes: 65_536 }));
    for (let i = 0; i < 5; i++) log.info({ i }, 'y'.repeat(30_000));
    await flushed(log);
    const records = readJsonLines(file);
    assert.deepEqual(
      records.map((r) => [r.i, r.msg.length]),
      [0, 1, 2, 3, 4].map((i) => [i, 30_000]),
    );
  });

  test('emits ready; end() flushes, closes its transport, emits finish and close', async () => {
    const file = logFile('lifecycle.log');
    const dest = sluiceDestination({ dest: file, append: false });
    assert.ok(dest instanceof SluiceDestination);
    await once(dest, 'ready');
    const log = pino({ base: null }, dest);
    for (let i = 0; i < 1000; i++) log.info({ i }, 'before end');
    const finished = once(dest, 'finish');
    const closed = once(dest, 'close');
    dest.end();
    await finished;
    await closed;
    assert.equal(readLines(file).length, 1000);
    assert.equal(dest.writable, false);

    const errors: SluiceError[] = [];
    dest.on('error', (error) => errors.push(error));
    assert.equal(dest.write('{"level":30,"msg":"after end"}\n'), false);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, 'ERR_SLUICE_CLOSED');
    assert.equal(readLines(file).length, 1000, 'nothing written after end');
  });

  test('a shared transport: pino and sluice loggers write to one file; end() leaves it running', async () => {
    const file = logFile('shared.log');
    const transport = createTransport({ dest: file, append: false });
    try {
      const dest = sluiceDestination({ transport });
      const fromPino = pino({ base: null }, dest);
      const fromSluice = createLogger({ transport, base: null });
      fromPino.info('from pino');
      fromSluice.info('from sluice');
      dest.end();
      await once(dest, 'close');
      fromSluice.info('transport still running');
      await transport.flush();
      assert.deepEqual(
        readJsonLines(file).map((r) => r.msg),
        ['from pino', 'from sluice', 'transport still running'],
      );
    } finally {
      await closeTransport(transport);
    }
  });

  test('flushSync in an exit listener delivers a line logged there', async () => {
    const file = logFile('exit-listener.log');
    const run = await runFixture('pino-final.mjs', [file, 'exit-listener']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      readJsonLines(file).map((r) => r.msg),
      ['started', 'exit listener ran'],
    );
  });

  test('pino.final style: an uncaught exception is logged at fatal, flushed, and the process exits 1', async () => {
    const file = logFile('uncaught.log');
    const run = await runFixture('pino-final.mjs', [file, 'uncaught']);
    assert.equal(run.code, 1, run.stderr);
    const records = readJsonLines(file);
    assert.deepEqual(
      records.map((r) => [r.level, r.msg]),
      [
        [30, 'started'],
        [60, 'uncaught exception'],
      ],
    );
    assert.equal(records[1].err.message, 'boom on purpose');
    assert.match(records[1].err.stack, /boom on purpose/);
  });

  test('SIGTERM after 200k pino lines: every line is in the file and the process died by SIGTERM', async () => {
    const file = logFile('sigterm.log');
    const count = 200_000;
    const run = await runFixture('pino-sigterm.mjs', [file, String(count)]);
    assert.equal(run.signal, 'SIGTERM', `exit ${run.code}: ${run.stderr}`);
    const lines = readLines(file);
    assert.equal(lines.length, count);
    for (let i = 0; i < count; i++) {
      const record = JSON.parse(lines[i]);
      if (record.seq !== i || record.msg !== 'record') assert.fail(`line ${i}: ${lines[i]}`);
    }
  });
});
