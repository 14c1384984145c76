import { isMainThread } from 'node:worker_threads';

/**
 * Drains transports on the ways a process ends, so nothing handed over is lost:
 * - natural exit, `process.exit()`, an uncaught exception, an unhandled rejection: all reach 'exit',
 *   where the drain is synchronous (the sink worker is still running while 'exit' listeners run);
 * - SIGTERM and SIGINT: if the application has no handler of its own, drain and then end the process
 *   the way the default action would (by the same signal, so the parent sees the same exit status);
 *   if it has one, drain and leave the decision to it.
 * If the exit timeout runs out with a write that never returns, the process still ends (see onExit).
 */
interface Drainable {
  /**
   * False when the exit timeout ran out with a write that may never return (see onExit). When the
   * process ends right after (`processEnds`), no write starts once drained (exit-write-fence.ts).
   */
  drainForExit(processEnds: boolean): boolean;
}

const transports = new Set<Drainable>();
let installed = false;

export function drainOnExit(transport: Drainable): () => void {
  transports.add(transport);
  if (!installed) install();
  return () => transports.delete(transport);
}

/** Drains every transport; false if one timed out with a write that may never return. */
function drainAll(processEnds: boolean): boolean {
  let ended = true;
  for (const transport of transports) {
    try {
      if (!transport.drainForExit(processEnds)) ended = false;
    } catch {
      // One failing transport must not keep the others from draining.
    }
  }
  return ended;
}

/**
 * The exit timeout ran out while a thread may sit in a write() that never returns (a pipe nobody
 * reads): Node would wait for that thread at teardown for ever, and no call of Node ends a process
 * without that wait but a signal. SIGKILL, as nothing can catch it; the intended exit code is lost.
 * Only the main thread's exit ends the process: a worker thread's ends that thread alone.
 */
function onExit(): void {
  // A worker thread's exit ends that thread alone: the others' writes go on.
  if (!drainAll(isMainThread) && isMainThread) process.kill(process.pid, 'SIGKILL');
}

function install(): void {
  installed = true;
  process.once('exit', onExit);
  for (const signal of HANDLED_SIGNALS) process.on(signal, onSignal);
}

function onSignal(signal: NodeJS.Signals): void {
  // The application's own handler decides whether and when the process ends ('exit' drains again then).
  const onlyOurs = process.listenerCount(signal) === 1;
  drainAll(onlyOurs);
  if (onlyOurs) {
    // Only ours: re-raise so the process dies of the signal, as it would have without us.
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

const HANDLED_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
