import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '@sluice/core';
import { createTransport } from '../dist/esm/index.js';
import { fileLines, tempDir, untilFileLines } from './support/records.js';

// The sink worker leaves a young, small backlog for its next clock tick (so it does not read the lines
// a producer is still writing), then takes it. Records nobody flushes must still reach the file on
// their own, whether the worker was ticking or asleep when they came; and a flush takes them at once.

const dir = tempDir('worker-batching');

test('records nobody flushes are written on their own, with the worker ticking and after it slept', async () => {
  const file = join(dir, 'unflushed.log');
  const transport = createTransport({ dest: file, append: false });
  await transport.ready;
  const log = createLogger({ transport });
  const event = log.event('burst', { seq: 'integer', source: 'string' });
  // A small burst while the worker ticks: young and under a quarter of the ring.
  for (let seq = 0; seq < 50; seq++) event.info(seq, 'worker-batching');
  await untilFileLines(file, 50);
  // Long enough for the clock to rest and the worker to sleep (200 ms without records).
  await sleep(600);
  log.info({ seq: 50 }, 'after a quiet spell');
  await untilFileLines(file, 51);
  assert.deepEqual(
    fileLines(file).map((line) => JSON.parse(line).seq),
    Array.from({ length: 51 }, (_, seq) => seq),
  );
  await transport.close();
});

test('a flush takes a young backlog at once: it resolves with every record written', async () => {
  const file = join(dir, 'flushed.log');
  const transport = createTransport({ dest: file, append: false });
  await transport.ready;
  const log = createLogger({ transport });
  for (let round = 1; round <= 20; round++) {
    for (let k = 0; k < 10; k++) log.info({ round, k }, 'record');
    await transport.flush();
    assert.equal(fileLines(file).length, round * 10, `after flush ${round}`);
  }
  await transport.close();
});
