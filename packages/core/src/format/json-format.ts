import type { RecordBuffer } from '../buffer/record-buffer.js';
import { RepeatedString } from '../buffer/repeated-string.js';
import { ScratchBuffer } from '../buffer/scratch-buffer.js';
import { FieldKeyTrie } from '../fields/field-key-trie.js';
import type { FieldWalker } from '../fields/field-walker.js';
import { JsonFieldSink } from '../json/json-field-sink.js';
import type { JsonValueWriter } from '../json/json-value-writer.js';
import { writeJsonNumber } from '../json/write-json-number.js';
import { encodeJsonString } from '../json/write-json-string.js';
import type { RedactNode } from '../redact/redaction.js';
import { TimeEntryCache } from '../time/time-entry-cache.js';
import { type Clock, type TimestampMode, writeEpochMillis, writeIsoTimestamp } from '../time/timestamp.js';
import { RESERVED_KEY_PREFIX, type RecordFormat, type RecordKeys } from './record-format.js';

/**
 * JSON lines in pino's shape: `{"level":30,"time":1764164467000,"pid":1,"hostname":"h","msg":"hi"}`.
 * Strings and numbers are byte-for-byte what JSON.stringify writes.
 */
export class JsonFormat implements RecordFormat {
  readonly name = 'json' as const;
  readonly messageFirst = false;
  readonly tail = Buffer.from('}\n');
  private readonly timeEntries = new TimeEntryCache((out, ms) => this.writeTime(out, ms));
  /** Bindings are encoded here once per child logger. */
  private readonly scratch = new ScratchBuffer();
  private readonly levelKeyBytes: Buffer;
  private readonly timeKeyBytes: Buffer;
  private readonly messageKeyBytes: Buffer;
  private readonly renameReserved: (key: string) => string;
  private readonly walker: FieldWalker;
  /** A record's fields as entries, keys the record writes itself renamed. */
  private readonly fieldEntries: JsonFieldSink;
  /** fieldEntries without renaming the base keys: what the base itself is written with. */
  private readonly baseEntries: JsonFieldSink;
  /** fieldEntries with a field under the message key renamed too: see writeFieldsBesideMessage. */
  private readonly besideMessageEntries: JsonFieldSink;
  /** The record's message key, as fields name it. */
  private readonly messageKey: string;
  /** The message entry last written: most messages are literals, the same on every call. */
  private readonly repeatedMessage = new RepeatedString();
  /** Top-level field keys already encoded, with their redaction and serializer (see FieldKeyTrie). */
  private readonly fieldKeys: FieldKeyTrie;

  constructor(
    keys: Readonly<RecordKeys>,
    private readonly timestamp: TimestampMode,
    private readonly values: JsonValueWriter,
    /** The keys the base fields write (pid, hostname by default). */
    baseKeys: readonly string[] = [],
  ) {
    this.levelKeyBytes = Buffer.from(`{${JSON.stringify(keys.level)}:`);
    this.timeKeyBytes = Buffer.from(`,${JSON.stringify(keys.time)}:`);
    this.messageKeyBytes = Buffer.from(`,${JSON.stringify(keys.message)}:`);
    // Fields come after level, time and the base, so a field named like them would win in JSON.parse
    // (last key wins). The message comes last and wins over any field, so it needs no guard.
    const levelKey = keys.level;
    const timeKey = keys.time;
    // Two string compares (identity for the usual interned keys) beat a Set lookup per field. Per-record
    // fields take their key's bytes from the FieldKeyTrie, so this runs once per new key, not per record.
    const renameRecordKey = (key: string) =>
      key === levelKey || key === timeKey ? RESERVED_KEY_PREFIX + key : key;
    const base = new Set(baseKeys);
    this.renameReserved =
      base.size === 0
        ? renameRecordKey
        : (key) => (key === levelKey || key === timeKey || base.has(key) ? RESERVED_KEY_PREFIX + key : key);
    this.walker = values.walker;
    this.fieldEntries = new JsonFieldSink(values, this.renameReserved);
    this.baseEntries = new JsonFieldSink(values, renameRecordKey);
    const messageKey = keys.message;
    this.messageKey = messageKey;
    this.besideMessageEntries = new JsonFieldSink(values, (key) =>
      key === messageKey ? RESERVED_KEY_PREFIX + key : this.renameReserved(key),
    );
    this.fieldKeys = new FieldKeyTrie({
      sink: this.fieldEntries,
      redaction: values.redaction,
      serializers: values.serializers,
    });
  }

  encodeHead(levelValue: number): Buffer {
    return Buffer.concat([this.levelKeyBytes, Buffer.from(String(levelValue))]);
  }

  encodeKey(key: string): Buffer {
    return Buffer.from(`,${JSON.stringify(this.renameReserved(key))}:`);
  }

  encodeMessage(message: string): Buffer {
    return Buffer.concat([this.messageKeyBytes, encodeJsonString(message)]);
  }

  encodeFields(fields: object, node: RedactNode | null, prefix?: Buffer): Buffer {
    return this.scratch.bytes((out) => this.writeFields(out, fields, node), prefix);
  }

  encodeBase(base: object, node: RedactNode | null): Buffer {
    return this.scratch.bytes((out) => this.walker.writeFields(out, base, this.baseEntries, node, null));
  }

  writeTimeNow(out: RecordBuffer, clock: Clock): void {
    out.writeBytes(this.timeEntries.entryFor(clock.now()));
  }

  writeTime(out: RecordBuffer, ms: number): void {
    out.writeBytes(this.timeKeyBytes);
    if (this.timestamp === 'iso') {
      out.writeByte(QUOTE);
      writeIsoTimestamp(out, ms);
      out.writeByte(QUOTE);
    } else {
      writeEpochMillis(out, ms);
    }
  }

  writeMessage(out: RecordBuffer, message: string): void {
    const repeated = this.repeatedMessage;
    if (repeated.writeIfKept(out, message)) return;
    // A place in the record is kept relative to its start: a ring sink's `ensure` may move the record.
    const from = out.pos - out.start;
    out.writeBytes(this.messageKeyBytes);
    this.values.writeString(out, message);
    repeated.noteWritten(out, out.start + from, message);
  }

  writeFields(out: RecordBuffer, fields: object, node: RedactNode | null): void {
    // The trie's redaction decisions hold under the root it was built for (every logger call's case).
    const keys = node === this.fieldKeys.redactRoot ? this.fieldKeys : null;
    this.walker.writeFields(out, fields, this.fieldEntries, node, keys);
  }

  writeFieldsBesideMessage(out: RecordBuffer, fields: object, node: RedactNode | null, taken: boolean): void {
    // A rare call: the key-by-key walk, not the trie's cache of the usual records' keys. A field under
    // the message key is renamed, or left out (never read) when its value was taken as the message.
    const leftOut = taken ? this.messageKey : null;
    this.walker.writeFields(out, fields, this.besideMessageEntries, node, null, null, true, leftOut);
  }

  writeString(out: RecordBuffer, value: string): void {
    this.values.writeString(out, value);
  }

  writeNumber(out: RecordBuffer, value: number): void {
    writeJsonNumber(out, value);
  }

  writeBoolean(out: RecordBuffer, value: boolean): void {
    out.writeAscii(value ? 'true' : 'false');
  }

  writeValue(out: RecordBuffer, value: unknown, node: RedactNode | null): void {
    this.values.writeValue(out, value, 0, node);
  }

  writeJsonText(out: RecordBuffer, json: string): void {
    out.writeUtf8(json);
  }
}

const QUOTE = 0x22;
