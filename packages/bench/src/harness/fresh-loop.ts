/**
 * Measurement loops compiled anew for every use, as mitata does for its own: a loop shared by several
 * benchmarks sees several callees at its call site, goes polymorphic, and stops inlining them, which
 * changes both the time and what V8's escape analysis can remove (so the allocation too). The source
 * is a constant: nothing from a scenario enters it.
 */

/** Calls `fn` `n` times. */
export type CallLoop = (fn: () => unknown, n: number) => void;

/** Awaits `fn` `n` times in sequence. */
export type AsyncCallLoop = (fn: () => Promise<unknown>, n: number) => Promise<void>;

const AsyncFunction = (async () => {}).constructor as FunctionConstructor;

/**
 * Names generated code in profiles and stack traces (`bench-loop.js`) instead of an anonymous
 * function without a file, so `bench:profile` can tell the harness's loops from the code they call.
 */
export const LOOP_SOURCE_URL = '\n//# sourceURL=bench-loop.js';

/** A new `for (let i = 0; i < n; i++) fn();` with its own type feedback. */
export function freshLoop(): CallLoop {
  return new Function('fn', 'n', `for (let i = 0; i < n; i++) fn();${LOOP_SOURCE_URL}`) as CallLoop;
}

/** A new `for (let i = 0; i < n; i++) await fn();` with its own type feedback. */
export function freshAsyncLoop(): AsyncCallLoop {
  return new AsyncFunction(
    'fn',
    'n',
    `for (let i = 0; i < n; i++) await fn();${LOOP_SOURCE_URL}`,
  ) as AsyncCallLoop;
}
