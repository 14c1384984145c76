import { RecordBuffer } from '../buffer/record-buffer.js';
import { ScratchBuffer } from '../buffer/scratch-buffer.js';
import { isOmitted, type JsonValueWriter, rethrowIfAbandoned } from '../json/json-value-writer.js';
import { writeJsonNumber } from '../json/write-json-number.js';
import { writeLogfmtJsonValue } from '../logfmt/write-logfmt-json-value.js';
import { sanitizeLogfmtKey, writeLogfmtString } from '../logfmt/write-logfmt-string.js';
import type { RedactNode } from '../redact/redaction.js';
import { TimeEntryCache } from '../time/time-entry-cache.js';
import { type Clock, type TimestampMode, writeEpochMillis, writeIsoTimestamp } from '../time/timestamp.js';
import { TRUNCATED_KEYS_KEY, truncatedKeysMarker, unserializableMarker } from '../value/markers.js';
import { RESERVED_KEY_PREFIX, type RecordFormat, type RecordKeys } from './record-format.js';

/**
 * logfmt lines: `level=info time=2026-11-26T13:41:07.123Z msg="hello world" pid=1 key=value`.
 * A value says what the JSON format writes for it (writeLogfmtJsonValue): scalars bare when a reader
 * cannot misread them, null (non-finite numbers too) empty, a toJSON result as that value, objects,
 * arrays and errors as their JSON text inside a quoted value, so nothing is lost and each line stays one
 * record.
 */
export class LogfmtFormat implements RecordFormat {
  readonly name = 'logfmt' as const;
  readonly messageFirst = true;
  readonly tail = Buffer.from('\n');
  private readonly timeEntries = new TimeEntryCache((out, ms) => this.writeTime(out, ms));
  private readonly levelKey: string;
  private readonly timeKeyBytes: Buffer;
  private readonly messageKeyBytes: Buffer;
  /** The record's message key as fields name it (not sanitized). */
  private readonly messageKey: string;
  private readonly reserved: ReadonlySet<string>;
  /** `reserved` without the base keys: what the base itself is written with. */
  private readonly recordKeys: ReadonlySet<string>;
  /** The set safeKey renames against: `recordKeys` while the base is written, `reserved` otherwise. */
  private renamed: ReadonlySet<string>;
  /** Nested values are rendered to JSON here first, then quoted into the record. */
  private readonly scratch = new RecordBuffer(1024);
  /** Bindings are encoded here once per child logger. */
  private readonly fieldsScratch = new ScratchBuffer();

  constructor(
    keys: Readonly<RecordKeys>,
    private readonly timestamp: TimestampMode,
    private readonly values: JsonValueWriter,
    /** The keys the base fields write (pid, hostname by default). */
    baseKeys: readonly string[] = [],
  ) {
    this.levelKey = sanitizeLogfmtKey(keys.level);
    this.timeKeyBytes = Buffer.from(` ${sanitizeLogfmtKey(keys.time)}=`);
    this.messageKeyBytes = Buffer.from(` ${sanitizeLogfmtKey(keys.message)}=`);
    this.messageKey = keys.message;
    // level, time, msg and the base all come first: in logfmt the last duplicate key wins, so any field
    // named like one of them could forge it.
    this.recordKeys = new Set([this.levelKey, sanitizeLogfmtKey(keys.time), sanitizeLogfmtKey(keys.message)]);
    this.reserved = new Set([...this.recordKeys, ...baseKeys.map(sanitizeLogfmtKey)]);
    this.renamed = this.reserved;
  }

  encodeHead(_levelValue: number, levelLabel: string): Buffer {
    const scratch = new RecordBuffer(64);
    scratch.writeAscii(`${this.levelKey}=`);
    writeLogfmtString(scratch, levelLabel);
    return Buffer.from(scratch.bytes.subarray(0, scratch.pos));
  }

  encodeKey(key: string): Buffer {
    return Buffer.from(` ${this.safeKey(key)}=`);
  }

  encodeMessage(message: string): Buffer {
    const scratch = new RecordBuffer(64);
    this.writeMessage(scratch, message);
    return Buffer.from(scratch.bytes.subarray(0, scratch.pos));
  }

  encodeFields(fields: object, node: RedactNode | null, prefix?: Buffer): Buffer {
    return this.fieldsScratch.bytes((out) => this.writeFields(out, fields, node), prefix);
  }

  encodeBase(base: object, node: RedactNode | null): Buffer {
    this.renamed = this.recordKeys;
    try {
      return this.encodeFields(base, node);
    } finally {
      this.renamed = this.reserved;
    }
  }

  writeTimeNow(out: RecordBuffer, clock: Clock): void {
    out.writeBytes(this.timeEntries.entryFor(clock.now()));
  }

  writeTime(out: RecordBuffer, ms: number): void {
    out.writeBytes(this.timeKeyBytes);
    if (this.timestamp === 'epoch') writeEpochMillis(out, ms);
    else writeIsoTimestamp(out, ms);
  }

  writeMessage(out: RecordBuffer, message: string): void {
    out.writeBytes(this.messageKeyBytes);
    this.writeString(out, message);
  }

  writeFields(out: RecordBuffer, fields: object, node: RedactNode | null): void {
    this.writeFieldsLeavingOut(out, fields, node, null);
  }

  writeFieldsBesideMessage(out: RecordBuffer, fields: object, node: RedactNode | null, taken: boolean): void {
    // A field under the message key is always renamed here: only the taken one needs leaving out.
    this.writeFieldsLeavingOut(out, fields, node, taken ? this.messageKey : null);
  }

  /** writeFields without the entry under `leftOut` (never read), for null all of them. */
  private writeFieldsLeavingOut(
    out: RecordBuffer,
    fields: object,
    node: RedactNode | null,
    leftOut: string | null,
  ): void {
    const from = out.pos - out.start;
    const values = this.values;
    // A value referring back to `fields` is [Circular] at once, as it is in JSON.
    values.enter(fields);
    try {
      this.writeFieldsUnguarded(out, fields, node, leftOut);
    } catch (error) {
      // Fields that cannot be enumerated (a Proxy's trap throws) are one marker, as the JSON writer's.
      rethrowIfAbandoned(error);
      out.pos = out.start + from;
      out.writeAscii(' fields=');
      writeLogfmtString(out, unserializableMarker(error));
    } finally {
      values.leave();
    }
  }

  /** Enumerates as the JSON writer does (own enumerable keys through for...in), so both list the same. */
  private writeFieldsUnguarded(
    out: RecordBuffer,
    fields: object,
    node: RedactNode | null,
    leftOut: string | null,
  ): void {
    const values = this.values;
    const redaction = values.redaction;
    const limit = values.limits.objectKeys;
    let seen = 0;
    for (const key in fields) {
      if (!hasOwn.call(fields, key) || key === leftOut) continue;
      if (++seen > limit) continue; // keep counting: the marker says how many were left out
      let value: unknown;
      try {
        value = (fields as Record<string, unknown>)[key];
      } catch (error) {
        value = unserializableMarker(error);
      }
      if (values.serializers !== null) value = values.serializeField(key, value);
      if (isOmitted(value)) continue;
      out.writeByte(SPACE);
      out.writeUtf8(this.safeKey(key));
      out.writeByte(EQUALS);
      if (redaction !== null) {
        const next = redaction.step(node, key);
        if (redaction.hides(next, key)) this.writeString(out, redaction.censor);
        else this.writeValue(out, value, next);
      } else {
        this.writeValue(out, value, null);
      }
    }
    if (seen > limit) {
      out.writeAscii(` ${TRUNCATED_KEYS_KEY}=`);
      writeLogfmtString(out, truncatedKeysMarker(seen - limit));
    }
  }

  writeString(out: RecordBuffer, value: string): void {
    const max = this.values.limits.stringLength;
    if (value.length <= max) {
      writeLogfmtString(out, value);
      return;
    }
    // Reuse the JSON writer's cutting rules, then quote its result.
    this.writeNested(out, value, null);
  }

  writeNumber(out: RecordBuffer, value: number): void {
    // NaN and the infinities are null in JSON: an empty value here, as a JSON line rendered in logfmt has.
    if (Number.isFinite(value)) writeJsonNumber(out, value);
  }

  writeBoolean(out: RecordBuffer, value: boolean): void {
    out.writeAscii(value ? 'true' : 'false');
  }

  writeValue(out: RecordBuffer, value: unknown, node: RedactNode | null): void {
    switch (typeof value) {
      case 'string':
        this.writeString(out, value);
        return;
      case 'number':
        this.writeNumber(out, value);
        return;
      case 'boolean':
        this.writeBoolean(out, value);
        return;
      case 'bigint':
        out.writeAscii(value.toString());
        return;
      case 'object':
        // null is an empty value (`key=`), which logfmt readers take as null.
        if (value !== null) this.writeNested(out, value, node);
        return;
      default:
        return;
    }
  }

  writeJsonText(out: RecordBuffer, json: string): void {
    writeLogfmtJsonValue(out, json);
  }

  /**
   * One entry of a record read back from its JSON line (a transport target renders these): the key as a
   * field's key, the value as the JSON text it was written as.
   */
  writeJsonEntry(out: RecordBuffer, key: string, json: string): void {
    out.writeByte(SPACE);
    out.writeUtf8(this.safeKey(key));
    out.writeByte(EQUALS);
    writeLogfmtJsonValue(out, json);
  }

  /** Renders with the JSON writer into scratch, then writes that JSON value as logfmt. */
  private writeNested(out: RecordBuffer, value: unknown, node: RedactNode | null): void {
    const scratch = this.scratch;
    scratch.pos = 0;
    this.values.writeValue(scratch, value, 0, node);
    writeLogfmtJsonValue(out, scratch.toString(0, scratch.pos));
  }

  private safeKey(key: string): string {
    const safe = sanitizeLogfmtKey(key);
    return this.renamed.has(safe) ? RESERVED_KEY_PREFIX + safe : safe;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;
const SPACE = 0x20;
const EQUALS = 0x3d;
