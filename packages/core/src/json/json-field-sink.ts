import type { RecordBuffer } from '../buffer/record-buffer.js';
import type { FieldEntrySink } from '../fields/field-entry-sink.js';
import type { RedactNode } from '../redact/redaction.js';
import { writeJsonBoolean } from './write-json-boolean.js';
import { writeJsonNumber } from './write-json-number.js';
import { writeJsonString } from './write-json-string.js';

/** The values a JSON entry holds are written by (JsonValueWriter). */
interface JsonValues {
  writeValue(out: RecordBuffer, value: unknown, depth: number, node: RedactNode | null): void;
  writeString(out: RecordBuffer, value: string): void;
}

/** JSON entries, `,"key":value`: a record's fields (keys the record writes itself renamed) or an object's. */
export class JsonFieldSink implements FieldEntrySink {
  readonly writeNumber = writeJsonNumber;
  readonly writeBoolean = writeJsonBoolean;

  constructor(
    private readonly values: JsonValues,
    /** Maps keys the record writes itself to safe ones; null inside values. */
    private readonly rename: ((key: string) => string) | null,
  ) {}

  openEntry(out: RecordBuffer, key: string, separated: boolean): void {
    if (separated) out.writeByte(COMMA);
    const rename = this.rename;
    writeJsonString(out, rename === null ? key : rename(key));
    out.writeByte(COLON);
  }

  openMarkerEntry(out: RecordBuffer, key: string, separated: boolean): void {
    if (separated) out.writeByte(COMMA);
    writeJsonString(out, key);
    out.writeByte(COLON);
  }

  writeValue(out: RecordBuffer, value: unknown, depth: number, node: RedactNode | null): void {
    this.values.writeValue(out, value, depth, node);
  }

  writeString(out: RecordBuffer, value: string): void {
    this.values.writeString(out, value);
  }

  writeMarker(out: RecordBuffer, text: string): void {
    writeJsonString(out, text);
  }
}

const COMMA = 0x2c;
const COLON = 0x3a;
