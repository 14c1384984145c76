import { RecordBuffer } from '../buffer/record-buffer.js';
import { ScratchBuffer } from '../buffer/scratch-buffer.js';
import { FieldKeyTrie } from '../fields/field-key-trie.js';
import type { FieldWalker } from '../fields/field-walker.js';
import type { JsonValueWriter } from '../json/json-value-writer.js';
import { LogfmtFieldSink } from '../logfmt/logfmt-field-sink.js';
import { writeLogfmtJsonValue } from '../logfmt/write-logfmt-json-value.js';
import { sanitizeLogfmtKey, writeLogfmtString } from '../logfmt/write-logfmt-string.js';
import type { RedactNode } from '../redact/redaction.js';
import { TimeEntryCache } from '../time/time-entry-cache.js';
import { type Clock, type TimestampMode, writeEpochMillis, writeIsoTimestamp } from '../time/timestamp.js';
import { RESERVED_KEY_PREFIX, type RecordFormat, type RecordKeys } from './record-format.js';

/**
 * logfmt lines: `level=info time=2026-11-26T13:41:07.123Z msg="hello world" pid=1 key=value`, the
 * values as LogfmtFieldSink writes them.
 */
export class LogfmtFormat implements RecordFormat {
  readonly name = 'logfmt' as const;
  readonly messageFirst = true;
  readonly tail = Buffer.from('\n');
  private readonly timeEntries = new TimeEntryCache((out, ms) => this.writeTime(out, ms));
  private readonly levelKey: string;
  private readonly timeKeyBytes: Buffer;
  private readonly messageKeyBytes: Buffer;
  private readonly walker: FieldWalker;
  /** A record's fields as entries, keys the record writes itself renamed; and every value. */
  private readonly fieldEntries: LogfmtFieldSink;
  /** fieldEntries without renaming the base keys: what the base itself is written with. */
  private readonly baseEntries: LogfmtFieldSink;
  /** Top-level field keys already spelled, with their redaction and serializer (see FieldKeyTrie). */
  private readonly fieldKeys: FieldKeyTrie;
  /** The record's message key as fields name it (not sanitized). */
  private readonly messageKey: string;
  /** Bindings are encoded here once per child logger. */
  private readonly fieldsScratch = new ScratchBuffer();

  constructor(
    keys: Readonly<RecordKeys>,
    private readonly timestamp: TimestampMode,
    values: JsonValueWriter,
    /** The keys the base fields write (pid, hostname by default). */
    baseKeys: readonly string[] = [],
  ) {
    this.levelKey = sanitizeLogfmtKey(keys.level);
    this.timeKeyBytes = Buffer.from(` ${sanitizeLogfmtKey(keys.time)}=`);
    this.messageKeyBytes = Buffer.from(` ${sanitizeLogfmtKey(keys.message)}=`);
    this.messageKey = keys.message;
    // level, time, msg and the base all come first: in logfmt the last duplicate key wins, so any field
    // named like one of them could forge it.
    const recordKeys = new Set([
      this.levelKey,
      sanitizeLogfmtKey(keys.time),
      sanitizeLogfmtKey(keys.message),
    ]);
    const reserved = new Set([...recordKeys, ...baseKeys.map(sanitizeLogfmtKey)]);
    this.messageKey = keys.message;
    this.walker = values.walker;
    this.fieldEntries = new LogfmtFieldSink(values, (key) => safeKey(key, reserved));
    this.baseEntries = new LogfmtFieldSink(values, (key) => safeKey(key, recordKeys));
    this.fieldKeys = new FieldKeyTrie({
      sink: this.fieldEntries,
      redaction: values.redaction,
      serializers: values.serializers,
    });
  }

  encodeHead(_levelValue: number, levelLabel: string): Buffer {
    const scratch = new RecordBuffer(64);
    scratch.writeAscii(`${this.levelKey}=`);
    writeLogfmtString(scratch, levelLabel);
    return Buffer.from(scratch.bytes.subarray(0, scratch.pos));
  }

  encodeKey(key: string): Buffer {
    const scratch = new RecordBuffer(64);
    this.fieldEntries.openEntry(scratch, key, true);
    return Buffer.from(scratch.bytes.subarray(0, scratch.pos));
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
    return this.fieldsScratch.bytes((out) =>
      this.walker.writeFields(out, base, this.baseEntries, node, null),
    );
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
    // The trie's redaction decisions hold under the root it was built for (every logger call's case).
    const keys = node === this.fieldKeys.redactRoot ? this.fieldKeys : null;
    this.walker.writeFields(out, fields, this.fieldEntries, node, keys);
  }

  writeFieldsBesideMessage(out: RecordBuffer, fields: object, node: RedactNode | null, taken: boolean): void {
    // A rare call: the key-by-key walk. A field under the message key is always renamed here (the
    // message key is reserved): only the taken one is left out (never read).
    const leftOut = taken ? this.messageKey : null;
    this.walker.writeFields(out, fields, this.fieldEntries, node, null, null, true, leftOut);
  }

  writeString(out: RecordBuffer, value: string): void {
    this.fieldEntries.writeString(out, value);
  }

  writeNumber(out: RecordBuffer, value: number): void {
    this.fieldEntries.writeNumber(out, value);
  }

  writeBoolean(out: RecordBuffer, value: boolean): void {
    this.fieldEntries.writeBoolean(out, value);
  }

  writeValue(out: RecordBuffer, value: unknown, node: RedactNode | null): void {
    this.fieldEntries.writeValue(out, value, 0, node);
  }

  writeJsonText(out: RecordBuffer, json: string): void {
    writeLogfmtJsonValue(out, json);
  }

  /**
   * One entry of a record read back from its JSON line (a transport target renders these): the key as a
   * field's key, the value as the JSON text it was written as.
   */
  writeJsonEntry(out: RecordBuffer, key: string, json: string): void {
    this.fieldEntries.openEntry(out, key, true);
    writeLogfmtJsonValue(out, json);
  }
}

/** A key as a logfmt record spells it: sanitized, and prefixed when the record writes it itself. */
function safeKey(key: string, reserved: ReadonlySet<string>): string {
  const safe = sanitizeLogfmtKey(key);
  return reserved.has(safe) ? RESERVED_KEY_PREFIX + safe : safe;
}
