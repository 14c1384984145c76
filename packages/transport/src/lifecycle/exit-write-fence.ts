import {
  type ControlBlock,
  EXIT_FENCE,
  THREAD_WRITES,
  WORKER_WRITES,
  type WritesSlot,
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
  const started = Date.now();
  awaitNoneUnderWay(ints, WORKER_WRITES, started + waitMs);
  // A thread's write-out is one write of at most 64 KiB; a thread terminated inside one never counts
  // it ended, so the wait for these is short, not the whole exit timeout.
  awaitNoneUnderWay(ints, THREAD_WRITES, started + Math.min(waitMs, THREAD_WRITE_WAIT_MS));
}

/** A dead worker's count is zeroed by its owner when it sees the exit (sink-worker-supervisor.ts). */
function awaitNoneUnderWay(ints: Int32Array, slot: WritesSlot, giveUpAt: number): void {
  for (;;) {
    const underWay = Atomics.load(ints, slot);
    if (underWay <= 0) return;
    const left = giveUpAt - Date.now();
    if (left <= 0) return;
    Atomics.wait(ints, slot, underWay, Math.min(left, WAIT_SLICE_MS));
  }
}

const WAIT_SLICE_MS = 50;
const THREAD_WRITE_WAIT_MS = 1000;
