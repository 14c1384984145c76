/**
 * Drains transports on the ways a process ends, so nothing handed over is lost:
 * - natural exit, `process.exit()`, an uncaught exception, an unhandled rejection: all reach 'exit',
 *   where the drain is synchronous (the sink worker is still running while 'exit' listeners run);
 * - SIGTERM and SIGINT: if the application has no handler of its own, drain and then end the process
 *   the way the default action would (by the same signal, so the parent sees the same exit status);
 *   if it has one, drain and leave the decision to it.
 */
interface Drainable {
  drainForExit(): void;
}

const transports = new Set<Drainable>();
let installed = false;

export function drainOnExit(transport: Drainable): () => void {
  transports.add(transport);
  if (!installed) install();
  return () => transports.delete(transport);
}

function drainAll(): void {
  for (const transport of transports) {
    try {
      transport.drainForExit();
    } catch {
      // One failing transport must not keep the others from draining.
    }
  }
}

function install(): void {
  installed = true;
  process.once('exit', drainAll);
  for (const signal of HANDLED_SIGNALS) process.on(signal, onSignal);
}

function onSignal(signal: NodeJS.Signals): void {
  drainAll();
  if (process.listenerCount(signal) === 1) {
    // Only ours: re-raise so the process dies of the signal, as it would have without us.
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

const HANDLED_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
