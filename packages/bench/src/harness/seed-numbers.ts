/**
 * The seed page's published performance table (provide.foundation's docs: Apple M1, Python 3.11,
 * 10,000 calls) and the arithmetic the seed suite reports against it. Pure: no clocks, no I/O.
 */
import { ratio } from './stats.js';

/** One row of the seed's table, as a sluice foundation configuration. */
export interface SeedConfiguration {
  /** The seed regression test's name for it (`json_no_emoji`); `key_value_with_emoji` is the table's. */
  readonly name: string;
  /** The seed table's label. */
  readonly label: string;
  readonly consoleFormatter: 'json' | 'key_value';
  readonly emoji: boolean;
  /** The seed's published messages per second ("18,500+"). */
  readonly seedMsgsPerSec: number;
  /** The seed's published heap per message ("~200 B") and CPU per message ("~0.05 ms"). */
  readonly seedBytesPerMsg: number;
  readonly seedCpuMsPerMsg: number;
}

export const SEED_CONFIGURATIONS: readonly SeedConfiguration[] = [
  {
    name: 'json_no_emoji',
    label: 'JSON, no emoji',
    consoleFormatter: 'json',
    emoji: false,
    seedMsgsPerSec: 18_500,
    seedBytesPerMsg: 200,
    seedCpuMsPerMsg: 0.05,
  },
  {
    name: 'keyvalue_no_emoji',
    label: 'key-value, no emoji',
    consoleFormatter: 'key_value',
    emoji: false,
    seedMsgsPerSec: 16_000,
    seedBytesPerMsg: 250,
    seedCpuMsPerMsg: 0.06,
  },
  {
    name: 'json_with_emoji',
    label: 'JSON, with emoji',
    consoleFormatter: 'json',
    emoji: true,
    seedMsgsPerSec: 14_000,
    seedBytesPerMsg: 300,
    seedCpuMsPerMsg: 0.07,
  },
  {
    name: 'keyvalue_with_emoji',
    label: 'key-value, with emoji',
    consoleFormatter: 'key_value',
    emoji: true,
    seedMsgsPerSec: 12_000,
    seedBytesPerMsg: 350,
    seedCpuMsPerMsg: 0.08,
  },
];

/** The targets the seed suite reports against (it asserts neither). */
export const SEED_TARGETS = {
  /** Every configuration at least this many times the seed's messages per second. */
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
 * How much slower `durationNs` is than `baselineNs`, in percent, as the seed computes it:
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
