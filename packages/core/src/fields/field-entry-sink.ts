import type { RecordBuffer } from '../buffer/record-buffer.js';
import type { RedactNode } from '../redact/redaction.js';

/**
 * What one format writes for the entries the FieldWalker hands it: the walker decides which entries
 * there are and what stands in a value's place; the sink only spells them (`,"key":value`, ` key=value`).
 */
export interface FieldEntrySink {
  /**
   * Opens `key`'s entry: the separator (one byte) when `separated`, the key as the format writes it
   * (renamed when the record writes that key itself), then `:` or `=`.
   */
  openEntry(out: RecordBuffer, key: string, separated: boolean): void;
  /** Opens the entry of a key the walker writes itself (`...`, `fields`): spelled as it is, never renamed. */
  openMarkerEntry(out: RecordBuffer, key: string, separated: boolean): void;
  /** Any value; `depth` is how deep the object holding it is (0: a record's field). */
  writeValue(out: RecordBuffer, value: unknown, depth: number, node: RedactNode | null): void;
  /** A string value, cut to the length limit. */
  writeString(out: RecordBuffer, value: string): void;
  /** Text written in a value's place: the redaction censor or a marker. */
  writeMarker(out: RecordBuffer, text: string): void;
  /** Plain functions, no `this`: compiled shape writers take them as they are (see FieldShape). */
  readonly writeNumber: (out: RecordBuffer, value: number) => void;
  readonly writeBoolean: (out: RecordBuffer, value: boolean) => void;
}
