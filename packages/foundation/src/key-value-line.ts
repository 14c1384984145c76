import { RecordBuffer } from '@sluice/core';
import {
  copyBytes,
  isOmitted,
  type JsonValueWriter,
  type RedactNode,
  TRUNCATED_KEYS_KEY,
  truncatedKeysMarker,
  truncatedStringSuffix,
  writeJsonNumber,
  writeUnicodeEscape,
} from '@sluice/core/internal';
import { ANSI_PALETTE } from './ansi-colors.js';
import type { EmojiPrefix } from './emoji-prefix.js';
import { captureSlots, type FieldPlan, FieldPlans, readPlanValues } from './field-plan.js';
import { LEVEL_LABELS } from './foundation-levels.js';
import { writeKeyValueEvent, writeKeyValueKey, writeKeyValueString } from './key-value-text.js';
import type { FoundationLineFormat, LineFormatParts, LoggerEncoding } from './line-format.js';
import { LocalTimestampWriter } from './local-timestamp.js';
import type { LoggerNameEmoji } from './logger-name-emoji.js';

/**
 * structlog's console line, as provide.foundation's `key_value` formatter wrote it:
 *
 * `2026-11-26 13:06:17.039000 [info     ] benchmark message              batch=performance_test iteration=1`
 *
 * - local timestamp `YYYY-MM-DD HH:MM:SS.ffffff` (see LocalTimestampWriter for the microseconds);
 * - `[` + lowercase level padded to 9 + `]`;
 * - the event (emoji markers, logger-name emoji, message) padded to 30 code points, trailing spaces
 *   dropped when no key/value follows;
 * - `key=value` pairs sorted by field name, one space apart. Strings are bare or quoted as structlog
 *   does (see writeKeyValueString). sluice spells booleans `true`/`false` and null `null` (Python wrote
 *   `True`/`False`/`None`), non-finite numbers `NaN`/`Infinity`/`-Infinity`, and objects, arrays and
 *   errors as their JSON text (core's JsonValueWriter: bounded, cycle-safe, redacted) where Python wrote
 *   their repr.
 *
 * One record per line: every control character in a value, key or message is escaped, so a value can
 * neither start a line that looks like a new record nor drive the terminal. Colours (when enabled): see
 * ANSI_PALETTE.
 */
export class KeyValueLine implements FoundationLineFormat {
  readonly name = 'key_value' as const;
  private readonly values: JsonValueWriter;
  private readonly prefix: EmojiPrefix | null;
  private readonly loggerNameEmoji: LoggerNameEmoji | null;
  private readonly omitTimestamp: boolean;
  private readonly colors: boolean;
  private readonly stringLimit: number;
  private readonly plans: FieldPlans;
  /** ` key=` pre-encoded (coloured when colours are on) for the pairs the line writes itself. */
  private readonly serviceKey: Buffer;
  private readonly truncatedKey: Buffer;
  private readonly failureKey: Buffer;
  /** The redaction censor, as a written value. */
  private readonly censor: Buffer;
  private readonly timestamp = new LocalTimestampWriter();
  /** `[info     ] ` per level index, coloured or not. */
  private readonly levelBytes: readonly Buffer[];
  /** The `service_name` pair, written at its sorted place among the fields; null without a service. */
  private readonly serviceName: string | null;
  /** Where `encode` writes; a field of its own (keys are encoded while a record is being written). */
  private readonly encodeScratch = new RecordBuffer(64);
  /** Nested values are rendered to JSON here, then copied with C1 controls escaped. */
  private readonly scratch = new RecordBuffer(1024);

  constructor(parts: LineFormatParts) {
    this.values = parts.values;
    this.prefix = parts.prefix;
    this.loggerNameEmoji = parts.loggerNameEmoji;
    this.omitTimestamp = parts.omitTimestamp;
    this.colors = parts.colors;
    this.stringLimit = parts.values.limits.stringLength;
    this.plans = new FieldPlans({
      prefix: parts.prefix,
      redaction: parts.redaction,
      keyLimit: parts.keyLimit,
      sort: true,
      encodeKey: (out, key) => this.writeKey(out, key),
      serviceKey: parts.serviceName === null ? null : SERVICE_KEY,
    });
    this.serviceKey = this.encode((out) => this.writeKey(out, SERVICE_KEY));
    this.truncatedKey = this.encode((out) => this.writeKey(out, TRUNCATED_KEYS_KEY));
    this.failureKey = this.encode((out) => this.writeKey(out, 'fields'));
    this.censor = this.encode((out) =>
      this.writeValue(out, parts.redaction === null ? '' : parts.redaction.censor, null),
    );
    this.serviceName = parts.serviceName;
    this.levelBytes = LEVEL_LABELS.map((label, i) => {
      const padded = label.padEnd(LEVEL_WIDTH);
      return parts.colors
        ? Buffer.concat([
            Buffer.from('['),
            ANSI_PALETTE.levels[i],
            Buffer.from(padded),
            ANSI_PALETTE.reset,
            Buffer.from('] '),
          ])
        : Buffer.from(`[${padded}] `);
    });
  }

  encodeLogger(name: string): LoggerEncoding {
    return {
      nameEmoji: this.loggerNameEmoji === null ? null : this.loggerNameEmoji.markerFor(name),
      tail: NEWLINE,
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
    const colors = this.colors;
    const prefix = this.prefix;
    // The plan first: the emoji prefix needs its fields before the event is written.
    let plan: FieldPlan | null = null;
    if (fields !== null) {
      if (prefix !== null) prefix.reset();
      plan = this.plans.planFor(fields);
      if (plan?.hasSlots) captureSlots(plan, fields, prefix!);
    }
    if (!this.omitTimestamp) {
      if (colors) out.writeBytes(ANSI_PALETTE.timestamp);
      this.timestamp.write(out, timeMs);
      if (colors) out.writeBytes(ANSI_PALETTE.reset);
      out.writeByte(SPACE);
    }
    out.writeBytes(this.levelBytes[levelIndex]);
    if (colors) out.writeBytes(ANSI_PALETTE.event);
    let width = 0;
    if (prefix !== null && fields !== null) width += prefix.write(out);
    if (logger.nameEmoji !== null) {
      out.writeBytes(logger.nameEmoji.bytes);
      width += logger.nameEmoji.codePoints;
    }
    width += this.writeMessage(out, message);
    // A place in the record is kept relative to its start: a ring sink's `ensure` may move the record.
    const eventFrom = out.pos - out.start;
    // Pad as if pairs follow; rolled back below when none does.
    if (width < EVENT_WIDTH) {
      const pad = EVENT_WIDTH - width;
      out.ensure(pad);
      const dst = out.bytes;
      let p = out.pos;
      // At most 30 bytes: a loop beats Buffer#fill's argument checks and C++ call.
      for (let i = 0; i < pad; i++) dst[p++] = SPACE;
      out.pos = p;
    }
    if (colors) out.writeBytes(ANSI_PALETTE.reset);
    const wrote = this.writePairs(out, fields, plan);
    if (!wrote) {
      out.pos = out.start + eventFrom;
      if (colors) out.writeBytes(ANSI_PALETTE.reset);
    }
    out.writeBytes(logger.tail);
  }

  private writeMessage(out: RecordBuffer, message: string): number {
    if (message.length <= this.stringLimit) return writeKeyValueEvent(out, message);
    return writeKeyValueEvent(out, cutString(message, this.stringLimit));
  }

  /**
   * ` key=value` for each field and the service name, in sorted order, through the plan for the
   * fields' shape (null plan with fields: they could not be enumerated).
   */
  private writePairs(out: RecordBuffer, fields: object | null, plan: FieldPlan | null): boolean {
    let wrote = false;
    let service = this.serviceName;
    if (plan !== null) {
      const keyBytes = plan.keyBytes;
      const keyEnds = plan.keyEnds;
      const hidden = plan.hidden;
      const nodes = plan.nodes;
      const n = keyEnds.length;
      const serviceAt = service === null ? -1 : plan.serviceAt;
      const read = this.plans.values;
      readPlanValues(plan, fields!, read);
      // The fields object joins the writer's ancestors (for cycles) only once a nested value is written.
      let entered = false;
      try {
        for (let i = 0; i < n; i++) {
          if (i === serviceAt) {
            this.writeStringPair(out, this.serviceKey, service!);
            service = null;
            wrote = true;
          }
          const value = read[i];
          if (isOmitted(value)) continue;
          copyBytes(out, keyBytes, i === 0 ? 0 : keyEnds[i - 1], keyEnds[i]);
          wrote = true;
          if (hidden[i]) {
            out.writeBytes(this.censor);
            continue;
          }
          if (!entered && typeof value === 'object' && value !== null) {
            this.values.enter(fields!);
            entered = true;
          }
          this.writeValue(out, value, nodes[i]);
        }
      } finally {
        if (entered) this.values.leave();
        for (let i = 0; i < n; i++) read[i] = undefined;
      }
      if (plan.truncatedKeys > 0) {
        this.writeStringPair(out, this.truncatedKey, truncatedKeysMarker(plan.truncatedKeys));
        wrote = true;
      }
    } else if (fields !== null) {
      this.writeStringPair(out, this.failureKey, this.plans.failure!);
      wrote = true;
    }
    if (service !== null) {
      this.writeStringPair(out, this.serviceKey, service);
      wrote = true;
    }
    return wrote;
  }

  private writeStringPair(out: RecordBuffer, key: Buffer, value: string): void {
    out.writeBytes(key);
    this.writeValue(out, value, null);
  }

  /** What `write` puts in a buffer, as bytes: for parts encoded once (per setup, or per plan's key). */
  private encode(write: (out: RecordBuffer) => void): Buffer {
    const out = this.encodeScratch;
    out.pos = 0;
    out.start = 0;
    write(out);
    return Buffer.from(out.bytes.subarray(0, out.pos));
  }

  /** ` key=` (coloured: cyan key). */
  private writeKey(out: RecordBuffer, key: string): void {
    out.writeByte(SPACE);
    if (this.colors) out.writeBytes(ANSI_PALETTE.key);
    writeKeyValueKey(out, key);
    if (this.colors) out.writeBytes(ANSI_PALETTE.reset);
    out.writeByte(EQUALS);
  }

  /** A value (coloured: magenta). Omitted kinds never get here. */
  private writeValue(out: RecordBuffer, value: unknown, node: RedactNode | null): void {
    const colors = this.colors;
    if (colors) out.writeBytes(ANSI_PALETTE.value);
    switch (typeof value) {
      case 'string':
        writeKeyValueString(
          out,
          value.length <= this.stringLimit ? value : cutString(value, this.stringLimit),
        );
        break;
      case 'number':
        if (Number.isFinite(value)) writeJsonNumber(out, value);
        else out.writeAscii(String(value));
        break;
      case 'boolean':
        out.writeAscii(value ? 'true' : 'false');
        break;
      case 'bigint':
        out.writeAscii(value.toString());
        break;
      default:
        if (value === null) out.writeAscii('null');
        else this.writeNested(out, value, node);
    }
    if (colors) out.writeBytes(ANSI_PALETTE.reset);
  }

  /**
   * Objects, arrays, errors: their JSON text. JSON escapes C0 controls but leaves C1 controls and
   * U+2028/U+2029 raw; those are rewritten as `\u0085`-style escapes (valid JSON: they only occur
   * inside JSON strings) so nested text cannot drive a terminal either.
   */
  private writeNested(out: RecordBuffer, value: unknown, node: RedactNode | null): void {
    const scratch = this.scratch;
    scratch.pos = 0;
    scratch.start = 0;
    this.values.writeValue(scratch, value, 0, node);
    copyEscapingC1(out, scratch.bytes, scratch.pos);
  }
}

/** Cuts a too-long string the way JsonValueWriter does, never splitting a surrogate pair. */
function cutString(s: string, max: number): string {
  let cut = max;
  const last = s.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return s.slice(0, cut) + truncatedStringSuffix(s.length - cut);
}

function copyEscapingC1(out: RecordBuffer, src: Buffer, n: number): void {
  out.ensure(n * 3);
  const dst = out.bytes;
  let p = out.pos;
  for (let i = 0; i < n; i++) {
    const b = src[i];
    if (b === 0xc2 && i + 1 < n && src[i + 1] < 0xa0) {
      // U+0080..U+009F: C2 80..C2 9F
      p = writeUnicodeEscape(dst, p, src[i + 1]);
      i++;
    } else if (
      b === 0xe2 &&
      i + 2 < n &&
      src[i + 1] === 0x80 &&
      (src[i + 2] === 0xa8 || src[i + 2] === 0xa9)
    ) {
      p = writeUnicodeEscape(dst, p, src[i + 2] === 0xa8 ? 0x2028 : 0x2029);
      i += 2;
    } else {
      dst[p++] = b;
    }
  }
  out.pos = p;
}

/** structlog pads the level to its longest name (`exception`, 9) and the event to 30. */
const LEVEL_WIDTH = 9;
const EVENT_WIDTH = 30;
const SERVICE_KEY = 'service_name';
const SPACE = 0x20;
const EQUALS = 0x3d;
const NEWLINE = Buffer.from('\n');
