import type { RecordBuffer } from '@sluice/core';
import {
  encodeJsonString,
  type FieldClaims,
  FieldKeyTrie,
  type FieldWalker,
  JsonFieldSink,
  type JsonValueWriter,
} from '@sluice/core/internal';
import type { EmojiPrefix } from './emoji-prefix.js';
import { LEVEL_LABELS } from './foundation-levels.js';
import type { FoundationLineFormat, LineFormatParts, LoggerEncoding } from './foundation-line-format.js';
import { LocalTimestampWriter } from './local-timestamp-writer.js';
import type { LoggerNameEmoji } from './logger-name-emoji.js';
import { renameReservedKey } from './reserved-field-keys.js';

/**
 * provide.foundation's JSON line: the fields (context, bound, call), then `event` (emoji prefixes
 * included), `level` (lowercase name), `timestamp` (local `YYYY-MM-DD HH:MM:SS.ffffff`), `logger_name`,
 * `service_name`:
 *
 * `{"iteration":1,"batch":"performance_test","event":"benchmark message","level":"info","timestamp":"2026-11-26 13:06:17.053000","logger_name":"benchmark"}`
 *
 * The fields go through core's FieldWalker and values through its JsonValueWriter, so escaping, hostile
 * values, redaction and limits are those of every other sluice record: UTF-8 written raw, never a bare
 * NaN/Infinity (they are `null`), cycles, throwing getters and BigInt as valid values. Separators are
 * compact (Python's json.dumps wrote `", "`).
 */
export class FoundationJsonLine implements FoundationLineFormat {
  readonly name = 'json' as const;
  private readonly values: JsonValueWriter;
  private readonly prefix: EmojiPrefix | null;
  private readonly loggerNameEmoji: LoggerNameEmoji | null;
  private readonly serviceTail: Buffer;
  private readonly omitTimestamp: boolean;
  private readonly walker: FieldWalker;
  /** The fields as JSON entries, keys the line writes itself renamed. */
  private readonly entries: JsonFieldSink;
  /** The fields' keys already spelled, with their redaction (see FieldKeyTrie). */
  private readonly fieldKeys: FieldKeyTrie;
  /** The emoji prefix's fields, which it takes instead of the line; null when it takes none. */
  private readonly claims: FieldClaims | null;
  private readonly stringLimit: number;
  private readonly timestamp = new LocalTimestampWriter();
  /** `,"level":"info"` per level index, followed by `,"timestamp":"` unless timestamps are omitted. */
  private readonly levelBytes: readonly Buffer[];

  constructor(parts: LineFormatParts) {
    this.values = parts.values;
    this.prefix = parts.prefix;
    this.loggerNameEmoji = parts.loggerNameEmoji;
    this.omitTimestamp = parts.omitTimestamp;
    this.walker = parts.values.walker;
    this.entries = new JsonFieldSink(parts.values, renameReservedKey);
    this.fieldKeys = new FieldKeyTrie({ sink: this.entries, redaction: parts.redaction, serializers: null });
    this.claims = parts.prefix !== null && parts.prefix.slotCount > 0 ? parts.prefix : null;
    this.stringLimit = parts.values.limits.stringLength;
    this.serviceTail =
      parts.serviceName === null
        ? Buffer.alloc(0)
        : Buffer.concat([SERVICE_KEY, encodeJsonString(parts.serviceName)]);
    const timestampKey = parts.omitTimestamp ? '' : TIMESTAMP_KEY;
    this.levelBytes = LEVEL_LABELS.map((label) =>
      Buffer.from(`,"level":${JSON.stringify(label)}${timestampKey}`),
    );
  }

  encodeLogger(name: string): LoggerEncoding {
    return {
      nameEmoji: this.loggerNameEmoji === null ? null : this.loggerNameEmoji.markerFor(name),
      tail: Buffer.concat([LOGGER_NAME_KEY, encodeJsonString(name), this.serviceTail, CLOSE_LINE]),
    };
  }

  write(
    out: RecordBuffer,
    levelIndex: number,
    message: string,
    fields: object | null,
    logger: LoggerEncoding,
    timeMs: number,
  ): void {
    const prefix = this.prefix;
    out.writeByte(OPEN_BRACE);
    let comma = false;
    if (fields !== null) {
      if (prefix !== null) prefix.reset();
      comma = this.writeFields(out, fields);
    }
    if (comma) out.writeByte(COMMA);
    out.writeBytes(EVENT_KEY);
    // The event string: `"` + markers + name emoji + the message's JSON text without its own quote.
    out.writeByte(QUOTE);
    if (prefix !== null && fields !== null) prefix.write(out);
    if (logger.nameEmoji !== null) out.writeBytes(logger.nameEmoji.bytes);
    this.writeEventText(out, message);
    out.writeBytes(this.levelBytes[levelIndex]);
    if (!this.omitTimestamp) {
      this.timestamp.write(out, timeMs);
      out.writeByte(QUOTE);
    }
    out.writeBytes(logger.tail);
  }

  /**
   * The message and its closing quote. Plain ASCII (the usual message) is copied as it is; anything
   * else is written as a JSON string, whose opening quote is then dropped (one memmove).
   */
  private writeEventText(out: RecordBuffer, message: string): void {
    const n = message.length;
    if (n <= SHORT_MOVE && n <= this.stringLimit) {
      out.ensure(n + 1);
      const dst = out.bytes;
      let p = out.pos;
      let i = 0;
      for (; i < n; i++) {
        const c = message.charCodeAt(i);
        if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) break;
        dst[p++] = c;
      }
      if (i === n) {
        dst[p++] = QUOTE;
        out.pos = p;
        return;
      }
    }
    // A place in the record is kept relative to its start: a ring sink's `ensure` may move the record.
    const quoteFrom = out.pos - out.start;
    this.values.writeString(out, message);
    dropByteAt(out.bytes, out.start + quoteFrom, out.pos);
    out.pos--;
  }

  /** The fields as `"key":value` entries (emoji fields go to the prefix); whether any was written. */
  private writeFields(out: RecordBuffer, fields: object): boolean {
    const keys = this.fieldKeys;
    return this.walker.writeFields(out, fields, this.entries, keys.redactRoot, keys, this.claims, false);
  }
}

/**
 * Moves `bytes[at+1..end)` one to the left. Messages are short: a loop beats copyWithin's C++ call up
 * to about SHORT_MOVE bytes (the same trade-off RecordBuffer.writeBytes makes).
 */
function dropByteAt(bytes: Buffer, at: number, end: number): void {
  if (end - at > SHORT_MOVE) {
    bytes.copyWithin(at, at + 1, end);
    return;
  }
  for (let i = at + 1; i < end; i++) bytes[i - 1] = bytes[i];
}

const SHORT_MOVE = 64;
const EVENT_KEY = Buffer.from('"event":');
const TIMESTAMP_KEY = ',"timestamp":"';
const LOGGER_NAME_KEY = Buffer.from(',"logger_name":');
const SERVICE_KEY = Buffer.from(',"service_name":');
const CLOSE_LINE = Buffer.from('}\n');
const OPEN_BRACE = 0x7b;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
