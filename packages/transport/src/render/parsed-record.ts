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
  /**
   * The same entries as an object of values, for the renderers that work on values; the record's own
   * keys may be there with the value undefined, to be skipped.
   */
  readonly fields: Record<string, unknown>;
}

/**
 * Parses one JSON line of the ring (pino's shape, under the transport's `keys`): the first level and
 * time entries are the record's, and the last message entry (written last, it is what JSON.parse
 * reads as the message) when it is a string. A line that is not a JSON object (a foreign adapter's
 * text) is kept whole as the message, marked `unparsed: true`, so the other formats still show it and
 * nothing is lost. Read lazily: logfmt needs the entries, the other renderers the values.
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
  return new JsonRecord(level, text, keys);
}

interface RecordParts {
  time: number | null;
  message: string | null;
  entries: readonly JsonEntry[];
  /** null until asked for. */
  values: Record<string, unknown> | null;
}

class JsonRecord implements ParsedRecord {
  private parts: RecordParts | null = null;

  constructor(
    readonly level: number,
    private readonly text: string,
    private readonly keys: Readonly<RecordKeys>,
  ) {}

  get time(): number | null {
    return this.read().time;
  }

  get message(): string | null {
    return this.read().message;
  }

  get entries(): readonly JsonEntry[] {
    return this.scanned().entries;
  }

  get fields(): Record<string, unknown> {
    const parts = this.read();
    parts.values ??= valuesOf(parts.entries);
    return parts.values;
  }

  /**
   * The usual line holds the message key once: one native JSON.parse reads it, and the entries are
   * scanned only if a renderer asks for them. A field named like the message needs the scan, which
   * keeps both.
   */
  private read(): RecordParts {
    if (this.parts !== null) return this.parts;
    const text = this.text;
    const keys = this.keys;
    if (messageKeyWrittenTwice(text, keys)) return this.scanned();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.scanned();
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return this.scanned();
    const values = parsed as Record<string, unknown>;
    const message = values[keys.message];
    const parts: RecordParts = {
      time: readTime(values[keys.time]),
      message: typeof message === 'string' ? message : null,
      entries: NOT_SCANNED,
      values,
    };
    // Left in place as undefined rather than deleted: a delete costs the object its fast shape, and
    // every renderer skips undefined values as JSON does.
    values[keys.level] = undefined;
    values[keys.time] = undefined;
    values[keys.message] = undefined;
    this.parts = parts;
    return parts;
  }

  /** The parts from the line's entries in order, duplicates included. */
  private scanned(): RecordParts {
    const parts = this.parts;
    if (parts !== null && parts.entries !== NOT_SCANNED) return parts;
    const scanned = scanRecord(this.text, this.keys);
    // Values already read (the usual line) stay: they are what the scan would give.
    if (parts !== null) scanned.values = parts.values;
    this.parts = scanned;
    return scanned;
  }
}

function scanRecord(text: string, keys: Readonly<RecordKeys>): RecordParts {
  const entries = scanJsonEntries(text);
  if (entries === null) {
    return { time: null, message: text.replace(TRAILING_NEWLINE, ''), entries: UNPARSED, values: null };
  }
  // One pass: the first level and time entries are taken out; the message entry is known only at the
  // end (the last one), and is then the last field in the usual line, so taking it out is a pop.
  let levelSeen = false;
  let time: number | null = null;
  let timeSeen = false;
  let messageAt = -1;
  const fields: JsonEntry[] = [];
  for (const entry of entries) {
    const key = entry.key;
    if (key === keys.level && !levelSeen) {
      levelSeen = true;
    } else if (key === keys.time && !timeSeen) {
      timeSeen = true;
      time = readTime(JSON.parse(entry.json));
    } else {
      if (key === keys.message) messageAt = fields.length;
      fields.push(entry);
    }
  }
  let message: string | null = null;
  if (messageAt !== -1 && fields[messageAt].json.charCodeAt(0) === QUOTE) {
    message = JSON.parse(fields[messageAt].json) as string;
    if (messageAt === fields.length - 1) fields.pop();
    else fields.splice(messageAt, 1);
  }
  return { time, message, entries: fields, values: null };
}

/** The entries as an object of values; a later duplicate wins, as in JSON.parse. */
function valuesOf(entries: readonly JsonEntry[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { key, json } of entries) {
    // defineProperty, so a `__proto__` key stays a key.
    Object.defineProperty(values, key, {
      value: parsedOrText(json),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return values;
}

/** A nested value the scan only bounded may not parse (a foreign line): its text is kept instead. */
function parsedOrText(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/**
 * Whether the message key appears twice as `"key":` in the line: a field named like it, which core
 * writes before the message (level and time fields it renames). A nested key of that name also counts
 * (the scan then runs for nothing, and gives the same result); text inside a string cannot, its quotes
 * being escaped.
 */
function messageKeyWrittenTwice(text: string, keys: Readonly<RecordKeys>): boolean {
  if (keys !== needleKeys) {
    needleKeys = keys;
    needle = `${JSON.stringify(keys.message)}:`;
  }
  return text.indexOf(needle) !== text.lastIndexOf(needle);
}

/** The `"msg":` text for the keys last parsed with (one keys object per transport). */
let needleKeys: Readonly<RecordKeys> | null = null;
let needle = '';

function readTime(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

const NOT_SCANNED: readonly JsonEntry[] = [];
const UNPARSED: readonly JsonEntry[] = [{ key: 'unparsed', json: 'true' }];
const QUOTE = 0x22;
const TRAILING_NEWLINE = /\r?\n$/;
