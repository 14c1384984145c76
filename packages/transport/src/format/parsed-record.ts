import type { RecordKeys } from '@sluice/core';

/** A record read back from its JSON line: what another format is rendered from. */
export interface ParsedRecord {
  /** The level in the ring's record header (the routing level), not re-read from the text. */
  level: number;
  /** Epoch milliseconds, or null when the record has no time. */
  time: number | null;
  /** null when the record has no message. */
  message: string | null;
  /**
   * Every other key, in the line's order (base fields, bindings, call fields). The level, time and
   * message keys are still there with the value undefined (JSON text has no undefined), to be skipped.
   */
  fields: Record<string, unknown>;
}

/**
 * Parses one JSON line of the ring (pino's shape, under the transport's `keys`). A line that is not a
 * JSON object (a foreign adapter's text) is kept whole as the message, marked `unparsed: true`, so the
 * other formats still show it and nothing is lost.
 */
export function parseJsonRecord(
  bytes: Uint8Array,
  start: number,
  end: number,
  level: number,
  keys: Readonly<RecordKeys>,
): ParsedRecord {
  // A view, not a copy: the bytes may be a ring's shared memory.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { level, time: null, message: text.replace(TRAILING_NEWLINE, ''), fields: { unparsed: true } };
  }
  const record = parsed as Record<string, unknown>;
  const time = readTime(record[keys.time]);
  const message = record[keys.message];
  // Left in place as undefined rather than deleted: a delete costs the object its fast shape (about a
  // microsecond per record here), and every renderer skips undefined values as JSON does.
  record[keys.level] = undefined;
  record[keys.time] = undefined;
  record[keys.message] = undefined;
  return { level, time, message: typeof message === 'string' ? message : null, fields: record };
}

function readTime(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

const TRAILING_NEWLINE = /\r?\n$/;
