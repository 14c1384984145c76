import type { RecordBuffer } from '@sluice/core';
import {
  copyBytes,
  encodeJsonString,
  isOmitted,
  type JsonValueWriter,
  TRUNCATED_KEYS_KEY,
  truncatedKeysMarker,
  writeJsonString,
} from '@sluice/core/internal';
import type { EmojiPrefix } from './emoji-prefix.js';
import { captureSlots, FieldPlans, readPlanValues } from './field-plan.js';
import { LEVEL_LABELS } from './foundation-levels.js';
import type { FoundationLineFormat, LineFormatParts, LoggerEncoding } from './line-format.js';
import { LocalTimestampWriter } from './local-timestamp.js';
import type { LoggerNameEmoji } from './logger-name-emoji.js';

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
  private readonly prefix: EmojiPrefix | null;
  private readonly loggerNameEmoji: LoggerNameEmoji | null;
  private readonly serviceTail: Buffer;
  private readonly omitTimestamp: boolean;
  private readonly plans: FieldPlans;
  /** The redaction censor as a JSON string. */
  private readonly censor: Buffer;
  private readonly stringLimit: number;
  private readonly timestamp = new LocalTimestampWriter();
  /** `,"level":"info"` per level index, followed by `,"timestamp":"` unless timestamps are omitted. */
  private readonly levelBytes: readonly Buffer[];

  constructor(parts: LineFormatParts) {
    this.values = parts.values;
    this.prefix = parts.prefix;
    this.loggerNameEmoji = parts.loggerNameEmoji;
    this.omitTimestamp = parts.omitTimestamp;
    this.plans = new FieldPlans({
      prefix: parts.prefix,
      redaction: parts.redaction,
      keyLimit: parts.keyLimit,
      sort: false,
      encodeKey: (out, key) => {
        out.writeByte(COMMA);
        writeJsonString(out, key);
        out.writeByte(COLON);
      },
      serviceKey: null,
    });
    this.censor = encodeJsonString(parts.redaction === null ? '' : parts.redaction.censor);
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

  /**
   * The fields as `"key":value` entries, through the plan for their shape: emoji fields go to the
   * prefix, the rest are written with their pre-encoded keys. Returns whether any entry was written.
   */
  private writeFields(out: RecordBuffer, fields: object): boolean {
    const plan = this.plans.planFor(fields);
    if (plan === null) {
      writeEntry(out, FAILURE_KEY, false);
      writeJsonString(out, this.plans.failure!);
      return true;
    }
    if (plan.hasSlots) captureSlots(plan, fields, this.prefix!);
    const values = this.values;
    const keyBytes = plan.keyBytes;
    const keyEnds = plan.keyEnds;
    const hidden = plan.hidden;
    const nodes = plan.nodes;
    const n = keyEnds.length;
    const read = this.plans.values;
    readPlanValues(plan, fields, read);
    let wrote = false;
    // The fields object joins the writer's ancestors (for cycles) only once a nested value is written.
    let entered = false;
    try {
      for (let i = 0; i < n; i++) {
        const value = read[i];
        if (isOmitted(value)) continue;
        // A key's bytes start with its comma, skipped for the first entry.
        const from = i === 0 ? 0 : keyEnds[i - 1];
        copyBytes(out, keyBytes, wrote ? from : from + 1, keyEnds[i]);
        wrote = true;
        if (hidden[i]) {
          out.writeBytes(this.censor);
          continue;
        }
        if (!entered && typeof value === 'object' && value !== null) {
          values.enter(fields);
          entered = true;
        }
        values.writeValue(out, value, 0, nodes[i]);
      }
    } finally {
      if (entered) values.leave();
      for (let i = 0; i < n; i++) read[i] = undefined;
    }
    if (plan.truncatedKeys > 0) {
      writeEntry(out, TRUNCATED_KEY, wrote);
      writeJsonString(out, truncatedKeysMarker(plan.truncatedKeys));
      wrote = true;
    }
    return wrote;
  }
}

/** `,"key":` (pre-encoded), without its comma for the first entry. */
function writeEntry(out: RecordBuffer, key: Buffer, comma: boolean): void {
  copyBytes(out, key, comma ? 0 : 1, key.length);
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
const FAILURE_KEY = Buffer.from(',"fields":');
const TRUNCATED_KEY = Buffer.from(`,${JSON.stringify(TRUNCATED_KEYS_KEY)}:`);
const EVENT_KEY = Buffer.from('"event":');
const TIMESTAMP_KEY = ',"timestamp":"';
const LOGGER_NAME_KEY = Buffer.from(',"logger_name":');
const SERVICE_KEY = Buffer.from(',"service_name":');
const CLOSE_LINE = Buffer.from('}\n');
const OPEN_BRACE = 0x7b;
const COMMA = 0x2c;
const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
