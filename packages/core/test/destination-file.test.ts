import assert from 'node:assert/strict';
import { pbkdf2 } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createLogger, destination, SonicDestination } from '../dist/esm/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-dest-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
const freshPath = (name: string) => join(dir, `${++fileCount}-${name}`);

/**
 * Keeps the libuv threadpool busy (as fs, dns and crypto work does in a server) until the promise
 * settles: an async file write started meanwhile waits in the pool's queue, so only bytes written
 * synchronously are in the file.
 */
function busyThreadpool(): Promise<unknown> {
  const job = () => new Promise((resolve) => pbkdf2('password', 'salt', 300_000, 32, 'sha256', resolve));
  return Promise.all(Array.from({ length: 8 }, job));
}

/** The file's records, each parsed: a torn or malformed line fails the test. */
function readRecords(path: string): Record<string, unknown>[] {
  const text = readFileSync(path, 'utf8');
  assert.ok(text === '' || text.endsWith('\n'), 'the file ends with a complete line');
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('destination() to a file', () => {
  test('sync (the default): each record is on disk when the call returns', () => {
    const path = freshPath('sync.log');
    const log = createLogger({ destination: destination({ dest: path }) });
    log.info('first');
    assert.deepEqual(
      readRecords(path).map((r) => r.msg),
      ['first'],
    );
    log.warn({ n: 2 }, 'second');
    assert.deepEqual(
      readRecords(path).map((r) => [r.level, r.msg]),
      [
        [30, 'first'],
        [40, 'second'],
      ],
    );
  });

  test('destination options passed directly as the destination option', () => {
    const path = freshPath('options.log');
    const log = createLogger({ destination: { dest: path } });
    log.info('x');
    assert.equal(readRecords(path).length, 1);
  });

  test('destination(path) shorthand is a sync file destination', () => {
    const path = freshPath('shorthand.log');
    const sink = destination(path);
    assert.ok(sink instanceof SonicDestination);
    createLogger({ destination: sink }).info('x');
    assert.equal(readRecords(path).length, 1);
  });

  test('async: every record is on disk after await logger.flush()', async () => {
    const path = freshPath('async.log');
    const log = createLogger({ destination: destination({ dest: path, sync: false }) });
    for (let i = 0; i < 5000; i++) log.info({ i }, 'async');
    await log.flush();
    const records = readRecords(path);
    assert.deepEqual(
      records.map((r) => r.i),
      Array.from({ length: 5000 }, (_, i) => i),
    );
  });

  test('async: flushSync() writes everything pending before it returns, even with a busy threadpool', async () => {
    const path = freshPath('flush-sync.log');
    const log = createLogger({ destination: { dest: path, sync: false } });
    const busy = busyThreadpool();
    for (let i = 0; i < 100; i++) log.info({ i });
    log.flushSync();
    assert.equal(readRecords(path).length, 100);
    await busy;
  });

  test('async: flushSync() after records already handed to the destination keeps their order', async () => {
    const path = freshPath('flush-sync-order.log');
    const log = createLogger({ destination: { dest: path, sync: false } });
    const busy = busyThreadpool();
    log.info({ i: 0 });
    await new Promise((resolve) => setImmediate(resolve)); // the first batch is handed over
    log.info({ i: 1 });
    log.flushSync();
    assert.deepEqual(
      readRecords(path).map((r) => r.i),
      [0, 1],
    );
    await busy;
  });

  test('async: records logged after a flush are written by the next flush', async () => {
    const path = freshPath('async-twice.log');
    const log = createLogger({ destination: { dest: path, sync: false } });
    log.info('one');
    await log.flush();
    log.info('two');
    await log.flush();
    assert.deepEqual(
      readRecords(path).map((r) => r.msg),
      ['one', 'two'],
    );
  });

  test('a record larger than the record buffer is written whole, sync and async', async () => {
    const big = 'x'.repeat(90_000) + 'é'.repeat(5_000);
    const syncPath = freshPath('big-sync.log');
    createLogger({ destination: { dest: syncPath } }).info({ big }, 'big');
    assert.equal(readRecords(syncPath)[0].big, big);

    const asyncPath = freshPath('big-async.log');
    const log = createLogger({ destination: { dest: asyncPath, sync: false } });
    log.info('small');
    log.info({ big }, 'big');
    log.info('after');
    await log.flush();
    assert.deepEqual(
      readRecords(asyncPath).map((r) => r.msg),
      ['small', 'big', 'after'],
    );
    assert.equal(readRecords(asyncPath)[1].big, big);
  });

  test('mkdir: true creates missing parent directories', () => {
    const path = join(freshPath('nested'), 'a', 'b', 'app.log');
    createLogger({ destination: { dest: path, mkdir: true } }).info('deep');
    assert.deepEqual(
      readRecords(path).map((r) => r.msg),
      ['deep'],
    );
  });

  test('without mkdir a missing parent directory is not created', () => {
    const parent = freshPath('absent');
    assert.throws(() => createLogger({ destination: { dest: join(parent, 'app.log') } }));
    assert.equal(existsSync(parent), false);
  });

  test('append defaults to true: existing content is kept', () => {
    const path = freshPath('append.log');
    writeFileSync(path, '{"old":true}\n');
    createLogger({ destination: { dest: path } }).info('new');
    assert.deepEqual(
      readRecords(path).map((r) => r.old ?? r.msg),
      [true, 'new'],
    );
  });

  test('append: false truncates the file', () => {
    const path = freshPath('truncate.log');
    writeFileSync(path, '{"old":true}\n'.repeat(50));
    createLogger({ destination: { dest: path, append: false } }).info('new');
    assert.deepEqual(
      readRecords(path).map((r) => r.msg),
      ['new'],
    );
  });

  test('fatal() is written through to the file before it returns, in async mode too', async () => {
    const path = freshPath('fatal.log');
    const log = createLogger({ destination: { dest: path, sync: false } });
    const busy = busyThreadpool();
    log.info('before');
    log.fatal('last words');
    assert.deepEqual(
      readRecords(path).map((r) => [r.level, r.msg]),
      [
        [30, 'before'],
        [60, 'last words'],
      ],
    );
    await busy;
  });
});

describe('a { write(string) } stream as destination', () => {
  test('receives exactly one complete string per record', () => {
    const chunks: unknown[] = [];
    const log = createLogger({ destination: { write: (chunk: string) => chunks.push(chunk) } });
    log.info('one');
    log.info({ a: 1 }, 'two');
    log.child({ c: 1 }).warn('three');
    log.event('four', { n: 'integer' }).error(4);
    log.debug('filtered');
    assert.equal(chunks.length, 4);
    for (const chunk of chunks) {
      assert.equal(typeof chunk, 'string');
      const line = chunk as string;
      assert.equal(line.indexOf('\n'), line.length - 1, 'one newline-terminated record per string');
      JSON.parse(line);
    }
    assert.deepEqual(
      chunks.map((c) => JSON.parse(c as string).msg),
      ['one', 'two', 'three', 'four'],
    );
  });

  test('flush() and flushSync() call through to the stream when it has them', async () => {
    const calls: string[] = [];
    const log = createLogger({
      destination: {
        write: () => calls.push('write'),
        flushSync: () => calls.push('flushSync'),
        flush: (callback?: (error?: Error | null) => void) => {
          calls.push('flush');
          callback?.(null);
        },
      },
    });
    log.info('x');
    log.flushSync();
    await log.flush();
    assert.deepEqual(calls, ['write', 'flushSync', 'flush']);
  });

  test('flush() resolves for a stream without flush', async () => {
    const log = createLogger({ destination: { write: () => {} } });
    await log.flush();
    log.flushSync();
  });
});
