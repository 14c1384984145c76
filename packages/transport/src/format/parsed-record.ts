import type { RecordKeys } from '@sluice/core';
import { type JsonEntry, scanJsonEntries } from './json-entries.js';

/** A record read back from its JSON line: what another format is rendered from. */
export interface ParsedRecord {
  /** The level in the ring's record header (the routing level), not re-read from the text. */
  readonly level: number;
  /** Epoch milliseconds, or null when the record has no time. */
  readonly time: number | null;
  /** null when the record has no message. */
  readonly message: string | null;
  /**
   * Every other entry in the line's order (base fields, bindings, call fields), its value as JSON text;
   * a field named like the level, time or message key stays here, to be renamed as core renames it.
   */
  readonly entries: readonly JsonEntry[];
  /** The same entries as an object of values, for the renderers that work on values. */
  readonly fields: Record<string, unknown>;
}

/**
 * Parses one JSON line of the ring (pino's shape, under the transport's `keys`): the first level and
 * time entries are the record's, and the last message entry (written last, it is what JSON.parse
 * reads as the message) when it is a string. A line that is not a JSON object (a foreign adapter's
 * text) is kept whole as the message, marked `unparsed: true`, so the other formats still show it and
 * nothing is lost.
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
  const entries = scanJsonEntries(text);
  if (entries === null) {
    return new JsonRecord(level, null, text.replace(TRAILING_NEWLINE, ''), UNPARSED);
  }
  let levelAt = -1;
  let timeAt = -1;
  let messageAt = -1;
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i].key;
    if (key === keys.level && levelAt === -1) levelAt = i;
    else if (key === keys.time && timeAt === -1) timeAt = i;
    else if (key === keys.message) messageAt = i;
  }
  if (messageAt !== -1 && entries[messageAt].json.charCodeAt(0) !== QUOTE) messageAt = -1;
  const time = timeAt === -1 ? null : readTime(JSON.parse(entries[timeAt].json));
  const message = messageAt === -1 ? null : (JSON.parse(entries[messageAt].json) as string);
  const fields = entries.filter((_, i) => i !== levelAt && i !== timeAt && i !== messageAt);
  return new JsonRecord(level, time, message, fields);
}

class JsonRecord implements ParsedRecord {
  private values: Record<string, unknown> | null = null;

  constructor(
    readonly level: number,
    readonly time: number | null,
    readonly message: string | null,
    readonly entries: readonly JsonEntry[],
  ) {}

  get fields(): Record<string, unknown> {
    if (this.values !== null) return this.values;
    const values: Record<string, unknown> = {};
    for (const { key, json } of this.entries) {
      // defineProperty, so a `__proto__` key stays a key; a later duplicate wins, as in JSON.parse.
      Object.defineProperty(values, key, {
        value: JSON.parse(json),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    this.values = values;
    return values;
  }
}

function readTime(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

const UNPARSED: readonly JsonEntry[] = [{ key: 'unparsed', json: 'true' }];
const QUOTE = 0x22;
const TRAILING_NEWLINE = /\r?\n$/;
