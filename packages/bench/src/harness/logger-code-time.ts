/**
 * The CPU time a thread spends in a logger's own code, from a V8 CPU profile of that thread: every
 * sample with a frame of the logger's modules anywhere on its stack counts (what the logger calls,
 * Date.now() or a write, included), the rest does not. A server's added CPU per request moves by
 * microseconds between rounds on a shared machine; this share of it, taken from one thread's profile,
 * moves far less. It leaves out what a logger costs elsewhere: other threads, and garbage collection.
 */
import { Session } from 'node:inspector';

/** The parts of a `Profiler.stop` profile read here (Chrome DevTools protocol, Profiler.Profile). */
interface CpuProfile {
  nodes: { id: number; callFrame: { url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Microseconds of `profile` with a frame whose script URL matches `code` on the stack. */
export function timeWithCodeOnStack(profile: CpuProfile, code: RegExp): number {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const urlOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame.url]));
  const onStack = new Map<number, boolean>();
  const codeOnStack = (id: number): boolean => {
    const known = onStack.get(id);
    if (known !== undefined) return known;
    const parent = parentOf.get(id);
    const found = code.test(urlOf.get(id) ?? '') || (parent !== undefined && codeOnStack(parent));
    onStack.set(id, found);
    return found;
  };
  let micros = 0;
  // A sample's time is the delta to the next sample (the profile's own convention).
  for (let i = 0; i < profile.samples.length; i++) {
    if (codeOnStack(profile.samples[i])) micros += profile.timeDeltas[i + 1] ?? 0;
  }
  return micros;
}

/** Profiles this thread (V8's sampling CPU profiler) from `start` to `stop`. */
export class ThreadProfile {
  private readonly session = new Session();

  constructor(private readonly intervalMicros: number) {
    this.session.connect();
  }

  start(): void {
    // A same-thread session answers synchronously.
    this.session.post('Profiler.enable');
    this.session.post('Profiler.setSamplingInterval', { interval: this.intervalMicros });
    this.session.post('Profiler.start');
  }

  stop(): CpuProfile {
    let profile: CpuProfile | null = null;
    let failure: Error | null = null;
    this.session.post('Profiler.stop', (error, result) => {
      failure = error;
      profile = result?.profile as unknown as CpuProfile;
    });
    if (profile === null) throw failure ?? new Error('the CPU profiler returned no profile');
    return profile;
  }
}
