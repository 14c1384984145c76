import type { RecordBuffer } from '../buffer/record-buffer.js';
import { isOmitted, type JsonValueWriter } from '../json/json-value-writer.js';
import { encodeJsonString, writeJsonString } from '../json/write-json-string.js';
import type { Redaction, RedactNode } from '../redact/redaction.js';
import { TRUNCATED_KEYS_KEY, truncatedKeysMarker } from '../value/markers.js';
import type { EmojiPrefix } from './emoji-prefix.js';
import { LEVEL_LABELS } from './foundation-levels.js';
import type { FoundationLineFormat, LineFormatParts, LoggerEncoding } from './line-format.js';
import { LocalTimestampWriter } from './local-timestamp.js';
import type { LoggerNameEmoji } from './logger-name-emoji.js';
import { FieldPass, readField, renameReservedKey } from './record-fields.js';

/**
 * provide.foundation's JSON line: the fields (context, bound, call), then `event` (emoji prefixes
 * included), `level` (lowercase name), `timestamp` (local `YYYY-MM-DD HH:MM:SS.ffffff`), `logger_name`,
 * `service_name`:
 *
 * `{"iteration":1,"batch":"performance_test","event":"benchmark message","level":"info","timestamp":"2026-11-26 13:06:17.053000","logger_name":"benchmark"}`
 *
 * Values go through core's JsonValueWriter, so escaping, hostile values and limits are those of every
 * other sluice record: UTF-8 written raw, never a bare NaN/Infinity (they are `null`), cycles, throwing
 * getters and BigInt as valid values. Separators are compact (Python's json.dumps wrote `", "`).
 */
export class FoundationJsonLine implements FoundationLineFormat {
  readonly name = 'json' as const;
  private readonly values: JsonValueWriter;
  private readonly redaction: Redaction | null;
  private readonly redactRoot: RedactNode | null;
  private readonly prefix: EmojiPrefix | null;
  private readonly loggerNameEmoji: LoggerNameEmoji | null;
  private readonly serviceTail: Buffer;
  private readonly omitTimestamp: boolean;
  private readonly pass: FieldPass;
  private readonly timestamp = new LocalTimestampWriter();
  /** `,"level":"info"` per level index. */
  private readonly levelBytes: readonly Buffer[];

  constructor(parts: LineFormatParts) {
    this.values = parts.values;
    this.redaction = parts.redaction;
    this.redactRoot = parts.redaction === null ? null : parts.redaction.root;
    this.prefix = parts.prefix;
    this.loggerNameEmoji = parts.loggerNameEmoji;
    this.omitTimestamp = parts.omitTimestamp;
    this.pass = new FieldPass(parts.keyLimit);
    this.serviceTail =
      parts.serviceName === null
        ? Buffer.alloc(0)
        : Buffer.concat([SERVICE_KEY, encodeJsonString(parts.serviceName)]);
    this.levelBytes = LEVEL_LABELS.map((label) => Buffer.from(`,"level":${JSON.stringify(label)}`));
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
      this.pass.collect(fields, prefix, false);
      comma = this.writeFields(out, fields);
    }
    if (comma) out.writeByte(COMMA);
    out.writeBytes(EVENT_KEY);
    // The event string: `"` + markers + name emoji, then the message written as a JSON string whose
    // own opening quote is then dropped (one memmove of the message bytes).
    out.writeByte(QUOTE);
    if (prefix !== null && fields !== null) prefix.write(out);
    if (logger.nameEmoji !== null) out.writeBytes(logger.nameEmoji.bytes);
    const quoteAt = out.pos;
    this.values.writeString(out, message);
    dropByteAt(out.bytes, quoteAt, out.pos);
    out.pos--;
    out.writeBytes(this.levelBytes[levelIndex]);
    if (!this.omitTimestamp) {
      out.writeBytes(TIMESTAMP_KEY);
      this.timestamp.write(out, timeMs);
      out.writeByte(QUOTE);
    }
    out.writeBytes(logger.tail);
  }

  /** The collected fields as `"key":value` entries; returns whether any was written. */
  private writeFields(out: RecordBuffer, fields: object): boolean {
    const pass = this.pass;
    const values = this.values;
    const redaction = this.redaction;
    const keys = pass.keys;
    let wrote = false;
    values.enter(fields);
    try {
      for (let i = 0; i < pass.count; i++) {
        const key = keys[i];
        const value = readField(fields, key);
        if (isOmitted(value)) continue;
        if (wrote) out.writeByte(COMMA);
        wrote = true;
        writeJsonString(out, renameReservedKey(key));
        out.writeByte(COLON);
        if (redaction !== null) {
          const next = redaction.step(this.redactRoot, key);
          if (redaction.hides(next, key)) {
            writeJsonString(out, redaction.censor);
          } else {
            values.writeValue(out, value, 0, next);
          }
        } else {
          values.writeValue(out, value, 0, null);
        }
      }
    } finally {
      values.leave();
    }
    if (pass.truncatedKeys > 0) {
      if (wrote) out.writeByte(COMMA);
      writeJsonString(out, TRUNCATED_KEYS_KEY);
      out.writeByte(COLON);
      writeJsonString(out, truncatedKeysMarker(pass.truncatedKeys));
      wrote = true;
    }
    if (pass.failure !== null) {
      if (wrote) out.writeByte(COMMA);
      writeJsonString(out, 'fields');
      out.writeByte(COLON);
      writeJsonString(out, pass.failure);
      wrote = true;
    }
    return wrote;
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
const TIMESTAMP_KEY = Buffer.from(',"timestamp":"');
const LOGGER_NAME_KEY = Buffer.from(',"logger_name":');
const SERVICE_KEY = Buffer.from(',"service_name":');
const CLOSE_LINE = Buffer.from('}\n');
const OPEN_BRACE = 0x7b;
const COMMA = 0x2c;
const COLON = 0x3a;
const QUOTE = 0x22;
