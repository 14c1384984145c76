/**
 * Flushes registered sinks synchronously when the process exits (natural exit and `process.exit()`):
 * pending bytes of a buffered destination are never left behind. One 'exit' listener serves every sink;
 * sinks are held weakly so a dropped logger can still be collected.
 */
interface Flushable {
  flushSync(): void;
}

const registered = new Set<WeakRef<Flushable>>();
let listening = false;

export function flushOnExit(sink: Flushable): WeakRef<Flushable> {
  const ref = new WeakRef(sink);
  registered.add(ref);
  if (!listening) {
    listening = true;
    process.once('exit', flushAllOnExit);
  }
  return ref;
}

export function stopFlushOnExit(ref: WeakRef<Flushable>): void {
  registered.delete(ref);
}

function flushAllOnExit(): void {
  for (const ref of registered) {
    const sink = ref.deref();
    if (sink === undefined) continue;
    try {
      sink.flushSync();
    } catch {
      // Exiting: there is nobody left to report to, and one failing sink must not stop the others.
    }
  }
}
