/** Level buckets for drop counts and renderers: pino's ranges; a custom level falls into its range's bucket. */
export const LEVEL_BUCKETS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** The bucket of a level number: below 20 trace, 20-29 debug, ..., 60 and above fatal. */
export function levelBucket(level: number): number {
  const bucket = ((level / 10) | 0) - 1;
  return bucket < 0 ? 0 : Math.min(bucket, 5);
}
