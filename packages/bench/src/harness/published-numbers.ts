/**
 * The performance table provide.foundation's benchmark page publishes (Apple M1, Python 3.11, 10,000
 * calls) and the arithmetic the seed suite (the page reproduced) reports against it. Pure: no clocks, no I/O.
 */
import { ratio } from './stats.js';

/** One row of the published table, as a sluice foundation configuration. */
export interface PublishedConfiguration {
  /** The page's regression test's name for it (`json_no_emoji`); `key_value_with_emoji` is the table's. */
  readonly name: string;
  /** The published table's label. */
  readonly label: string;
  readonly consoleFormatter: 'json' | 'key_value';
  readonly emoji: boolean;
  /** The published messages per second ("18,500+"). */
  readonly publishedMsgsPerSec: number;
  /** The published heap per message ("~200 B") and CPU per message ("~0.05 ms"). */
  readonly publishedBytesPerMsg: number;
  readonly publishedCpuMsPerMsg: number;
}

export const PUBLISHED_CONFIGURATIONS: readonly PublishedConfiguration[] = [
  {
    name: 'json_no_emoji',
    label: 'JSON, no emoji',
    consoleFormatter: 'json',
    emoji: false,
    publishedMsgsPerSec: 18_500,
    publishedBytesPerMsg: 200,
    publishedCpuMsPerMsg: 0.05,
  },
  {
    name: 'keyvalue_no_emoji',
    label: 'key-value, no emoji',
    consoleFormatter: 'key_value',
    emoji: false,
    publishedMsgsPerSec: 16_000,
    publishedBytesPerMsg: 250,
    publishedCpuMsPerMsg: 0.06,
  },
  {
    name: 'json_with_emoji',
    label: 'JSON, with emoji',
    consoleFormatter: 'json',
    emoji: true,
    publishedMsgsPerSec: 14_000,
    publishedBytesPerMsg: 300,
    publishedCpuMsPerMsg: 0.07,
  },
  {
    name: 'keyvalue_with_emoji',
    label: 'key-value, with emoji',
    consoleFormatter: 'key_value',
    emoji: true,
    publishedMsgsPerSec: 12_000,
    publishedBytesPerMsg: 350,
    publishedCpuMsPerMsg: 0.08,
  },
];

/** The targets seed-table reports against (it asserts neither). */
export const TABLE_TARGETS = {
  /** Every configuration at least this many times the published messages per second. */
  minSpeedupOverSeed: 100,
  /** key-value with emoji costs at most this many times plain JSON (no emoji), same run. */
  maxEmojiKeyValueCost: 2,
} as const;

/** Messages per second from a count and a duration in nanoseconds; NaN when either is not positive. */
export function messagesPerSecond(messages: number, elapsedNs: number): number {
  if (!(messages > 0) || !(elapsedNs > 0)) return Number.NaN;
  return (messages * 1e9) / elapsedNs;
}

/**
 * How much slower `durationNs` is than `baselineNs`, in percent, as provide.foundation's page computes it:
 * `(duration / baseline - 1) * 100`. Negative when faster.
 */
export function overheadPercent(durationNs: number, baselineNs: number): number {
  const r = ratio(durationNs, baselineNs);
  return Number.isNaN(r) ? Number.NaN : (r - 1) * 100;
}

/** CPU time over wall time in percent (above 100 when more than one thread was busy). */
export function cpuPercent(cpuMicros: number, wallNs: number): number {
  const r = ratio(cpuMicros * 1_000, wallNs);
  return Number.isNaN(r) ? Number.NaN : r * 100;
}
