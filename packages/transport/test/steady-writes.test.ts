import assert from 'node:assert/strict';
import { closeSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RotatingFileDestination } from '../dist/esm/destination/rotating-file-destination.js';
import { StreamDestination } from '../dist/esm/destination/stream-destination.js';
import { fileLines, tempDir, untilFileLines } from './support/records.js';

// While records come slower than bursts (the worker's clock rests), the worker writes each batch to a
// file or a device itself, with one synchronous write, whatever its size: handing a batch to a
// thread-pool thread and taking its completion costs more than the write. In a burst, large batches
// still go to the thread pool, so the worker keeps draining rings while they are written.

const dir = tempDir('steady-writes');

const NO_EVENTS = { onError() {}, onUnreachable() {}, onRecovered() {} };

/** `count` lines of about 100 bytes, appended to the destination as the worker does. */
function appendLines(destination: StreamDestination | RotatingFileDestination, count: number): number {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const line = Buffer.from(`{"seq":${i},"pad":"${'x'.repeat(80)}"}\n`);
    destination.write(line, 0, line.length, 30);
    bytes += line.length;
  }
  return bytes;
}

test('steady: a batch of 100 KB is written before flush returns, with one synchronous write', () => {
  const file = join(dir, 'steady.log');
  const fd = openSync(file, 'w');
  const destination = new StreamDestination({ fd }, NO_EVENTS);
  destination.steady = true;
  const bytes = appendLines(destination, 1_000);
  assert.ok(bytes > 64 * 1024, 'well past the size written synchronously in a burst');
  let flushed = false;
  destination.flush(() => {
    flushed = true;
  });
  assert.ok(flushed, 'flushed before flush() returned: the write was made right here');
  assert.equal(statSync(file).size, bytes);
  assert.equal(destination.pendingBytes, 0);
  closeSync(fd);
});

test('in a burst, the same batch goes to the thread pool: flush completes later, every line written', async () => {
  const file = join(dir, 'burst.log');
  const fd = openSync(file, 'w');
  const destination = new StreamDestination({ fd }, NO_EVENTS);
  destination.steady = false;
  const bytes = appendLines(destination, 1_000);
  const flushed = new Promise<boolean>((resolve) => destination.flush(() => resolve(true)));
  let flushedAlready = false;
  void flushed.then(() => {
    flushedAlready = true;
  });
  await Promise.resolve();
  assert.equal(flushedAlready, false, 'not written on the calling thread');
  assert.equal(await flushed, true);
  await untilFileLines(file, 1_000);
  assert.equal(statSync(file).size, bytes);
  assert.deepEqual(
    fileLines(file).map((line) => JSON.parse(line).seq),
    Array.from({ length: 1_000 }, (_, seq) => seq),
  );
  closeSync(fd);
});

test('steady: a rotating file writes its batch before flush returns too, the file after a rotation included', () => {
  const path = join(dir, 'rotating.log');
  const destination = new RotatingFileDestination(
    {
      type: 'rotating-file',
      path,
      mkdir: false,
      mode: 0o644,
      maxBytes: 60_000,
      intervalMs: null,
      keep: 5,
      gzip: false,
    },
    NO_EVENTS,
    {
      compressor: () => {
        throw new Error('no compression asked for');
      },
      onCompressing() {},
      onCompressed() {},
      onWarning() {},
    },
  );
  destination.steady = true;
  appendLines(destination, 1_000);
  let flushed = false;
  destination.flush(() => {
    flushed = true;
  });
  assert.ok(flushed, 'every file flushed before flush() returned');
  assert.ok(statSync(path).size > 0 && statSync(path).size <= 60_000);
  assert.equal(destination.pendingBytes, 0);
  destination.close(() => {});
});
