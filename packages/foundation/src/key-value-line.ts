import { RecordBuffer } from '@sluice/core';
import {
  copyBytes,
  type FieldClaims,
  type FieldWalker,
  type JsonValueWriter,
  type RedactNode,
  truncatedStringSuffix,
  writeJsonNumber,
  writeUnicodeEscape,
} from '@sluice/core/internal';
import { ANSI_PALETTE } from './ansi-palette.js';
import type { EmojiPrefix } from './emoji-prefix.js';
import { LEVEL_LABELS } from './foundation-levels.js';
import type { FoundationLineFormat, LineFormatParts, LoggerEncoding } from './foundation-line-format.js';
import { KeyValuePairs } from './key-value-pairs.js';
import { writeKeyValueEvent, writeKeyValueKey, writeKeyValueString } from './key-value-text.js';
import { LocalTimestampWriter } from './local-timestamp-writer.js';
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
 * - `key=value` pairs sorted by field name, one space apart (the fields walked by core's FieldWalker,
 *   with the rules of every sluice record: see KeyValuePairs). Strings are bare or quoted as structlog
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
  private readonly walker: FieldWalker;
  /** The redaction node the fields are written under. */
  private readonly redactRoot: RedactNode | null;
  /** The emoji prefix's fields, which it takes instead of the pairs; null when it takes none. */
  private readonly claims: FieldClaims | null;
  /** The record's pairs, kept aside until they are written sorted. */
  private readonly pairs: KeyValuePairs;
  /** The `service_name` pair, pre-encoded (coloured when colours are on); null without a service. */
  private readonly servicePair: Buffer | null;
  private readonly timestamp = new LocalTimestampWriter();
  /** `[info     ] ` per level index, coloured or not. */
  private readonly levelBytes: readonly Buffer[];
  /** Where `encode` writes; a field of its own (keys are encoded while a record is being written). */
  private readonly encodeScratch = new RecordBuffer(64);
  /** Each short key's ` key=` bytes, encoded once (up to CACHED_KEYS of them; others per record). */
  private readonly keyBytes = new Map<string, Buffer>();
  /** Nested values are rendered to JSON here, then copied with C1 controls escaped. */
  private readonly scratch = new RecordBuffer(1024);

  constructor(parts: LineFormatParts) {
    this.values = parts.values;
    this.prefix = parts.prefix;
    this.loggerNameEmoji = parts.loggerNameEmoji;
    this.omitTimestamp = parts.omitTimestamp;
    this.colors = parts.colors;
    this.stringLimit = parts.values.limits.stringLength;
    this.walker = parts.values.walker;
    this.redactRoot = parts.redaction === null ? null : parts.redaction.root;
    this.claims = parts.prefix !== null && parts.prefix.slotCount > 0 ? parts.prefix : null;
    this.pairs = new KeyValuePairs(
      (out, key) => this.writeKey(out, key),
      (out, value, node) => this.writeValue(out, value, node),
    );
    const serviceName = parts.serviceName;
    this.servicePair =
      serviceName === null
        ? null
        : this.encode((out) => {
            this.encodeKey(out, SERVICE_KEY);
            this.writeValue(out, serviceName, null);
          });
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
    // The pairs first: the emoji prefix takes its fields during the walk, before the event is written.
    const pairs = this.pairs;
    pairs.clear();
    if (fields !== null) {
      if (prefix !== null) prefix.reset();
      this.walker.writeFields(pairs.out, fields, pairs, this.redactRoot, null, this.claims);
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
    const wrote = pairs.writeSorted(out, SERVICE_KEY, this.servicePair);
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

  /** What `write` puts in a buffer, as bytes: for parts encoded once per setup. */
  private encode(write: (out: RecordBuffer) => void): Buffer {
    const out = this.encodeScratch;
    out.pos = 0;
    out.start = 0;
    write(out);
    return Buffer.from(out.bytes.subarray(0, out.pos));
  }

  /** ` key=`, its bytes encoded once per key (a long key, or one past the cache's bound, each time). */
  private writeKey(out: RecordBuffer, key: string): void {
    let bytes = this.keyBytes.get(key);
    if (bytes === undefined) {
      if (key.length > CACHED_KEY_LENGTH || this.keyBytes.size >= CACHED_KEYS) {
        this.encodeKey(out, key);
        return;
      }
      bytes = this.encode((scratch) => this.encodeKey(scratch, key));
      this.keyBytes.set(key, bytes);
    }
    copyBytes(out, bytes, 0, bytes.length);
  }

  /** ` key=` as the line spells it (coloured: the key in cyan). */
  private encodeKey(out: RecordBuffer, key: string): void {
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
/** The key cache's bounds: a logger's keys are few and short; hostile or generated ones are not kept. */
const CACHED_KEYS = 1024;
const CACHED_KEY_LENGTH = 64;
const SPACE = 0x20;
const EQUALS = 0x3d;
const NEWLINE = Buffer.from('\n');
