import type { RecordBuffer } from '../buffer/record-buffer.js';
import type { RedactNode } from '../redact/redaction.js';
import type { Clock } from '../time/timestamp.js';

/**
 * The encoder interface every output format implements: one family of `write*` verbs for values, and
 * `encode*` methods that pre-encode what is static (level heads, keys, bindings, fixed messages) once.
 *
 * Every entry after the head starts with its own separator (`,` in JSON, a space in logfmt), so static
 * and dynamic entries can be concatenated in any order.
 */
export interface RecordFormat {
  readonly name: FormatName;
  /** logfmt puts `msg` third, JSON (pino's shape) puts it last. */
  readonly messageFirst: boolean;
  /** Closes a record, newline included. */
  readonly tail: Buffer;

  /** What opens a record at this level: `{"level":30` or `level=info`. */
  encodeHead(levelValue: number, levelLabel: string): Buffer;
  /** A key with its leading separator: `,"key":` or ` key=`. */
  encodeKey(key: string): Buffer;
  /** The message entry for a fixed message. */
  encodeMessage(message: string): Buffer;
  /** Static fields (bindings) as entries, after `prefix` (a parent's chain) when given. */
  encodeFields(fields: object, node: RedactNode | null, prefix?: Buffer): Buffer;
  /**
   * The base fields as entries. Their keys are the record's own (like level and time): written as they
   * are here, and renamed with RESERVED_KEY_PREFIX wherever a binding or a call's field reuses them.
   */
  encodeBase(base: object, node: RedactNode | null): Buffer;

  writeTime(out: RecordBuffer, ms: number): void;
  /**
   * Reads the clock and writes the time entry. Consecutive records in the same millisecond reuse the
   * entry's bytes encoded for the first: one copy instead of formatting 13 digits again.
   */
  writeTimeNow(out: RecordBuffer, clock: Clock): void;
  writeMessage(out: RecordBuffer, message: string): void;
  /** Dynamic fields as entries; keys the record reserves are renamed so no field can forge them. */
  writeFields(out: RecordBuffer, fields: object, node: RedactNode | null): void;
  /**
   * writeFields for a call with no message argument whose fields hold an entry under the message key:
   * left out when the logger took it as the record's message (`taken`, the entry is then not read), else
   * renamed with RESERVED_KEY_PREFIX, so that no reader takes a field for the record's message.
   */
  writeFieldsBesideMessage(out: RecordBuffer, fields: object, node: RedactNode | null, taken: boolean): void;

  writeString(out: RecordBuffer, value: string): void;
  writeNumber(out: RecordBuffer, value: number): void;
  writeBoolean(out: RecordBuffer, value: boolean): void;
  /** Any value, hostile ones included. */
  writeValue(out: RecordBuffer, value: unknown, node: RedactNode | null): void;
  /** A JSON text produced elsewhere (a fast-json-stringify serializer). */
  writeJsonText(out: RecordBuffer, json: string): void;
}

export type FormatName = 'json' | 'logfmt';

export const FORMAT_NAMES: readonly FormatName[] = ['json', 'logfmt'];

/** The record's own keys: level, time, message. */
export interface RecordKeys {
  /** Defaults to `'level'`. */
  level: string;
  /** Defaults to `'time'`. */
  time: string;
  /** Defaults to `'msg'`. */
  message: string;
  /** Where `info(err)` puts the error. Defaults to `'err'`. */
  error: string;
}

export const DEFAULT_RECORD_KEYS: Readonly<RecordKeys> = Object.freeze({
  level: 'level',
  time: 'time',
  message: 'msg',
  error: 'err',
});

/**
 * A field whose key the record reserves (level, time, every base key such as pid and hostname; msg in
 * logfmt) is written under this prefix, never over the real one.
 */
export const RESERVED_KEY_PREFIX = '_';
