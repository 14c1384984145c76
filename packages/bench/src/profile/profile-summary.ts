/**
 * Summaries of V8's profiles, as `--cpu-prof` and `--heap-prof` write them: the functions with the most
 * self time (cProfile's `tottime` column) and the allocation sites with the most sampled bytes
 * (tracemalloc's top lines). Pure: the profile objects in, sorted rows out.
 */

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  /** 0-based, as V8 reports it. */
  readonly lineNumber: number;
  readonly columnNumber: number;
}

/** A `.cpuprofile` file: the call tree and which node each sample landed in, with the gaps between. */
export interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: CallFrame }[];
  readonly samples: readonly number[];
  /** Microseconds since the previous sample; the first is from the profile's start. */
  readonly timeDeltas: readonly number[];
}

/** A `.heapprofile` file: the sampling heap profiler's tree of allocation sites. */
export interface HeapProfile {
  readonly head: HeapNode;
}

interface HeapNode {
  readonly callFrame: CallFrame;
  /** Bytes sampled as allocated by this function itself (still live when the profile was taken). */
  readonly selfSize: number;
  readonly children: readonly HeapNode[];
}

/** One function's share of a profile. */
export interface ProfileRow {
  /** `name (file:line)`, with `(anonymous)` for unnamed functions and V8's own entries as they are. */
  readonly site: string;
  /** Self time in ms (CPU) or self bytes (heap). */
  readonly value: number;
  /** Share of the profile's total, 0-100. */
  readonly percent: number;
}

/** Where a call frame is: `name (path:line)`, the path shortened to its last three parts. */
export function describeFrame(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') return name;
  const path = frame.url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-3)
    .join('/');
  return `${name} (${path}:${frame.lineNumber + 1})`;
}

/**
 * Self time per function, summed over every node of that function (a function called from several
 * places has several nodes), largest first: the top `limit` rows. A sample's time is the delta to
 * the next sample, as Chrome DevTools counts it.
 */
export function topSelfTime(profile: CpuProfile, limit: number): ProfileRow[] {
  const siteOf = new Map<number, string>();
  for (const node of profile.nodes) siteOf.set(node.id, describeFrame(node.callFrame));
  const totals = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const micros = profile.timeDeltas[i + 1] ?? 0;
    const site = siteOf.get(profile.samples[i]) ?? '(unknown)';
    totals.set(site, (totals.get(site) ?? 0) + micros);
    total += micros;
  }
  return topRows(totals, total, limit, (micros) => micros / 1_000);
}

/** Sampled bytes per allocation site (function), largest first: the top `limit` rows. */
export function topAllocationSites(profile: HeapProfile, limit: number): ProfileRow[] {
  const totals = new Map<string, number>();
  let total = 0;
  const stack: HeapNode[] = [profile.head];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.selfSize > 0) {
      const site = describeFrame(node.callFrame);
      totals.set(site, (totals.get(site) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    stack.push(...node.children);
  }
  return topRows(totals, total, limit, (bytes) => bytes);
}

function topRows(
  totals: ReadonlyMap<string, number>,
  total: number,
  limit: number,
  scale: (value: number) => number,
): ProfileRow[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([site, value]) => ({ site, value: scale(value), percent: total > 0 ? (value / total) * 100 : 0 }));
}
