import type { RecordBuffer } from '../buffer/record-buffer.js';
import type { FieldEntrySink } from '../fields/field-entry-sink.js';
import type { RedactNode } from '../redact/redaction.js';

/**
 * A record's fields as JSON entries, `,"key":value`: the value writer's own entries (it is the sink of
 * objects inside values), with the keys the record writes itself renamed.
 */
export class JsonFieldSink implements FieldEntrySink {
  readonly writeNumber: FieldEntrySink['writeNumber'];
  readonly writeBoolean: FieldEntrySink['writeBoolean'];

  constructor(
    /** JsonValueWriter. */
    private readonly values: FieldEntrySink,
    /** Maps keys the record writes itself to safe ones. */
    private readonly rename: (key: string) => string,
  ) {
    this.writeNumber = values.writeNumber;
    this.writeBoolean = values.writeBoolean;
  }

  openEntry(out: RecordBuffer, key: string, separated: boolean): void {
    this.values.openEntry(out, this.rename(key), separated);
  }

  openMarkerEntry(out: RecordBuffer, key: string, separated: boolean): void {
    this.values.openMarkerEntry(out, key, separated);
  }

  writeValue(out: RecordBuffer, value: unknown, depth: number, node: RedactNode | null): void {
    this.values.writeValue(out, value, depth, node);
  }

  writeString(out: RecordBuffer, value: string): void {
    this.values.writeString(out, value);
  }

  writeMarker(out: RecordBuffer, text: string): void {
    this.values.writeMarker(out, text);
  }
}
