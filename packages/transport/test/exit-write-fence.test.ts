import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import {
  ALIVE,
  ControlBlock,
  EXIT_FENCE,
  THREAD_WRITES,
  WORKER_WRITES,
} from '../dist/esm/control/control-block.js';
import { fenceWritesForExit } from '../dist/esm/lifecycle/exit-write-fence.js';

// The ending process's write fence (lifecycle/exit-write-fence.ts): once it is up no write starts, and
// the process waits for the writes under way, so none is cut short by the process's end.

test('a write under way when the fence goes up is waited for; a write after it does not start', async () => {
  const control = new ControlBlock();
  Atomics.store(control.ints, ALIVE, 1);
  assert.equal(control.claimWrite(WORKER_WRITES), true, 'before the fence a write may start');
  control.holdWrite(WORKER_WRITES); // its release, still to be flushed
  assert.equal(control.claimWrite(THREAD_WRITES), true);
  // Another thread ends the three writes one after the other, once the fence is up.
  const ender = new Worker(
    `const { workerData } = require('node:worker_threads');
     const ints = new Int32Array(workerData);
     const pause = new Int32Array(new SharedArrayBuffer(4));
     while (Atomics.load(ints, ${EXIT_FENCE}) === 0) Atomics.wait(pause, 0, 0, 5);
     for (const slot of [${WORKER_WRITES}, ${WORKER_WRITES}, ${THREAD_WRITES}]) {
       Atomics.wait(pause, 0, 0, 20);
       if (Atomics.sub(ints, slot, 1) === 1) Atomics.notify(ints, slot);
     }`,
    { eval: true, workerData: control.buffer },
  );
  fenceWritesForExit(control, 30_000);
  assert.equal(
    Atomics.load(control.ints, WORKER_WRITES),
    0,
    "the worker's writes ended before the fence let go",
  );
  assert.equal(
    Atomics.load(control.ints, THREAD_WRITES),
    0,
    "the thread's write ended before the fence let go",
  );
  assert.equal(control.claimWrite(WORKER_WRITES), false, 'no write starts behind the fence');
  assert.equal(control.claimWrite(THREAD_WRITES), false);
  assert.equal(Atomics.load(control.ints, WORKER_WRITES), 0, 'a refused claim leaves no count behind');
  await new Promise((resolve) => ender.once('exit', resolve));
});
