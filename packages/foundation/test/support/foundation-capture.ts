import { type ResolvedTelemetryConfig, setupTelemetry, type TelemetryConfig } from '../../dist/esm/index.js';

/** A setupTelemetry whose records land in `lines` (one string per record, newline included). */
export interface CapturedSetup {
  readonly lines: string[];
  readonly resolved: ResolvedTelemetryConfig;
  /** The lines without their trailing newline. */
  records(): string[];
  /** Every line parsed as JSON. */
  json(): Record<string, unknown>[];
  clear(): void;
}

/**
 * Sets up telemetry writing into memory. The environment defaults to empty (so the machine's SLUICE_*,
 * NO_COLOR and FORCE_COLOR variables never leak into a test); pass `env` to test them.
 */
export function captureSetup(config: Readonly<Omit<TelemetryConfig, 'destination'>> = {}): CapturedSetup {
  const lines: string[] = [];
  const resolved = setupTelemetry({
    env: {},
    ...config,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return {
    lines,
    resolved,
    records: () => lines.map((line) => line.replace(/\n$/, '')),
    json: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    clear: () => {
      lines.length = 0;
    },
  };
}

/** structlog's local timestamp for epoch ms, computed independently through Date's local getters. */
export function localTimestamp(ms: number, micros = '000'): string {
  const d = new Date(ms);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}${micros}`
  );
}

/** Settings that make key_value lines byte-comparable: no timestamp, no emoji. */
export const PLAIN_KEY_VALUE = Object.freeze({
  omitTimestamp: true,
  dasEmojiPrefixEnabled: false,
  loggerNameEmojiPrefixEnabled: false,
});

/** Settings that make json lines byte-comparable: the key_value ones, in json. */
export const PLAIN_JSON = Object.freeze({ ...PLAIN_KEY_VALUE, consoleFormatter: 'json' } as const);
