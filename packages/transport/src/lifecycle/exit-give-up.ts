import { writeSync } from 'node:fs';
import { getSystemErrorName } from 'node:util';
import {
  ABANDONED_ERRNO,
  ABANDONED_TARGET,
  ALIVE,
  type ControlBlock,
  DEST_FAILING,
  DESTINATION_DROPPED,
  EXIT_GIVE_UP,
  TARGETS_HOLDING,
} from '../control/control-block.js';

/**
 * The process is exiting: asks the sink worker to abandon destinations that fail (now or during the exit
 * drain) instead of retrying them, so what they cannot write is counted as dropped rather than lost
 * uncounted. While one fails now, waits (bounded) for the worker to have done so, so the exit drain
 * that follows sees rings that flow again.
 */
export function giveUpFailingDestinations(control: ControlBlock, waitMs: number): void {
  const ints = control.ints;
  if (Atomics.load(ints, ALIVE) === 0 || Atomics.compareExchange(ints, EXIT_GIVE_UP, 0, 1) !== 0) return;
  control.forceWake();
  awaitFailingGivenUp(control, waitMs);
}

/**
 * While a destination fails (since before the exit, or found failing by the exit drain, its first
 * write failing only then): waits (bounded) until the worker has answered the give-up and no target
 * fails any more, so what the abandoned ones dropped is counted before the exit report. True when a
 * failing destination was given up within the wait.
 */
export function awaitFailingGivenUp(control: ControlBlock, waitMs: number): boolean {
  const ints = control.ints;
  if (Atomics.load(ints, DEST_FAILING) === 0 || Atomics.load(ints, EXIT_GIVE_UP) === 0) return false;
  control.forceWake();
  // Answered, and no target failing any more (a retry under way when the worker answered is abandoned
  // when it fails).
  const giveUpAt = Date.now() + Math.min(waitMs, MAX_ACK_WAIT_MS);
  while (Date.now() < giveUpAt && Atomics.load(ints, ALIVE) !== 0) {
    if (Atomics.load(ints, EXIT_GIVE_UP) === 1) Atomics.wait(ints, EXIT_GIVE_UP, 1, WAIT_SLICE_MS);
    else if (Atomics.load(ints, DEST_FAILING) !== 0) Atomics.wait(ints, DEST_FAILING, 1, WAIT_SLICE_MS);
    else return true;
  }
  return false;
}

/**
 * After the exit drain, when a target still holds records (a syslog server that is down: they were
 * taken before the give-up reached the worker): waits (bounded) for the worker to drop and count them,
 * so the report that follows includes them.
 */
export function awaitHeldRecordsGivenUp(control: ControlBlock, waitMs: number): void {
  const ints = control.ints;
  if (Atomics.load(ints, TARGETS_HOLDING) === 0) return;
  control.forceWake();
  const giveUpAt = Date.now() + Math.min(waitMs, MAX_ACK_WAIT_MS);
  while (Date.now() < giveUpAt && Atomics.load(ints, ALIVE) !== 0) {
    // The worker answers (2) only after it has counted what it dropped.
    if (Atomics.load(ints, EXIT_GIVE_UP) === 1) Atomics.wait(ints, EXIT_GIVE_UP, 1, WAIT_SLICE_MS);
    else if (Atomics.load(ints, TARGETS_HOLDING) !== 0) Atomics.wait(ints, TARGETS_HOLDING, 1, WAIT_SLICE_MS);
    else return;
  }
}

/**
 * After the exit drain: one stderr line with the records abandoned destinations dropped (written
 * synchronously: a warning would never be printed this late).
 */
export function reportDropsAtExit(control: ControlBlock, targetNames: readonly string[]): void {
  const dropped = control.floats[DESTINATION_DROPPED];
  if (dropped === 0) return;
  const ints = control.ints;
  const target = targetNames[Atomics.load(ints, ABANDONED_TARGET) - 1] ?? 'a destination';
  const errno = Atomics.load(ints, ABANDONED_ERRNO);
  const cause = errno === 0 ? '' : ` (${getSystemErrorName(errno)})`;
  try {
    writeSync(
      2,
      `sluice: ${dropped} records could not be written to ${target}${cause} and were dropped (stats().destinationDropped)\n`,
    );
  } catch {
    // stderr itself is gone: stats() still has the count.
  }
}

const MAX_ACK_WAIT_MS = 2000;
const WAIT_SLICE_MS = 50;
