import { CompileBudget } from '../buffer/hot-bytes.js';
import type { RecordBuffer } from '../buffer/record-buffer.js';
import { RepeatedString } from '../buffer/repeated-string.js';
import { ScratchBuffer } from '../buffer/scratch-buffer.js';
import type { JsonValueWriter } from '../json/json-value-writer.js';
import { writeJsonNumber } from '../json/write-json-number.js';
import { encodeJsonString } from '../json/write-json-string.js';
import type { RedactNode } from '../redact/redaction.js';
import { TimeEntryCache } from '../time/time-entry-cache.js';
import { type Clock, type TimestampMode, writeEpochMillis, writeIsoTimestamp } from '../time/timestamp.js';
import { FieldKeyTrie } from './field-key-trie.js';
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
  /** renameReserved without the base keys: what the base itself is written with. */
  private readonly renameRecordKey: (key: string) => string;
  /** renameReserved that leaves the message key out (null), or renames it: see writeFieldsBesideMessage. */
  private readonly leaveOutMessageKey: (key: string) => string | null;
  private readonly renameMessageKey: (key: string) => string;
  /** The message entry last written: most messages are literals, the same on every call. */
  private readonly repeatedMessage = new RepeatedString(new CompileBudget(MAX_COMPILED_MESSAGES));
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
    this.renameRecordKey = (key) => (key === levelKey || key === timeKey ? RESERVED_KEY_PREFIX + key : key);
    const base = new Set(baseKeys);
    this.renameReserved =
      base.size === 0
        ? this.renameRecordKey
        : (key) => (key === levelKey || key === timeKey || base.has(key) ? RESERVED_KEY_PREFIX + key : key);
    const messageKey = keys.message;
    this.leaveOutMessageKey = (key) => (key === messageKey ? null : this.renameReserved(key));
    this.renameMessageKey = (key) =>
      key === messageKey ? RESERVED_KEY_PREFIX + key : this.renameReserved(key);
    this.fieldKeys = new FieldKeyTrie({
      encodeOpening: (key) => this.encodeKey(key),
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
    return this.scratch.bytes((out) =>
      this.values.writeEntries(out, base, true, 0, node, this.renameRecordKey),
    );
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
    if (node === this.fieldKeys.redactRoot) this.values.writeFieldEntries(out, fields, this.fieldKeys);
    else this.values.writeEntries(out, fields, true, 0, node, this.renameReserved);
  }

  writeFieldsBesideMessage(out: RecordBuffer, fields: object, node: RedactNode | null, taken: boolean): void {
    // A rare call: the key-by-key walk, not the trie's cache of the usual records' keys.
    const rename = taken ? this.leaveOutMessageKey : this.renameMessageKey;
    this.values.writeEntries(out, fields, true, 0, node, rename);
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
/** Messages compiled once hot (see HotBytes); a logger whose messages keep changing stops at this. */
const MAX_COMPILED_MESSAGES = 16;
