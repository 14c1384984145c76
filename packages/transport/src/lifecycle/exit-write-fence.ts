import {
  ALIVE,
  type ControlBlock,
  EXIT_FENCE,
  THREAD_WRITES,
  WORKER_WRITES,
} from '../control/control-block.js';

/**
 * The process ends now, its exit drain done: no write may start any more, and those under way (the sink
 * worker's, other threads' own) are waited for, bounded by `waitMs`. Threads may still be logging after
 * the drain, and a write the process's end cuts short leaves a torn last line in the file or pipe.
 * What those threads log from now on is not written: it was logged after the process began to end.
 */
export function fenceWritesForExit(control: ControlBlock, waitMs: number): void {
  const ints = control.ints;
  Atomics.store(ints, EXIT_FENCE, 1);
  const giveUpAt = Date.now() + waitMs;
  for (const slot of [WORKER_WRITES, THREAD_WRITES] as const) {
    for (;;) {
      const underWay = Atomics.load(ints, slot);
      if (underWay <= 0 || (slot === WORKER_WRITES && Atomics.load(ints, ALIVE) === 0)) break;
      const left = giveUpAt - Date.now();
      if (left <= 0) return;
      Atomics.wait(ints, slot, underWay, Math.min(left, WAIT_SLICE_MS));
    }
  }
}

const WAIT_SLICE_MS = 50;
