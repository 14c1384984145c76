import { RecordBuffer } from '../buffer/record-buffer.js';
import type { FieldEntrySink } from '../fields/field-entry-sink.js';
import type { JsonValueWriter } from '../json/json-value-writer.js';
import { writeJsonBoolean } from '../json/write-json-boolean.js';
import { writeJsonNumber } from '../json/write-json-number.js';
import type { RedactNode } from '../redact/redaction.js';
import { writeLogfmtJsonValue } from './write-logfmt-json-value.js';
import { writeLogfmtString } from './write-logfmt-string.js';

/**
 * logfmt entries, ` key=value`, and the values in them. A value says what the JSON format writes for
 * it: scalars bare when a reader cannot misread them, null (non-finite numbers too) empty, a toJSON
 * result as that value, objects, arrays and errors as their JSON text inside a quoted value, so nothing
 * is lost and each line stays one record.
 */
export class LogfmtFieldSink implements FieldEntrySink {
  readonly writeNumber = writeLogfmtNumber;
  readonly writeBoolean = writeJsonBoolean;
  /** Nested values are rendered to JSON here first, then quoted into the record. */
  private readonly scratch = new RecordBuffer(1024);

  constructor(
    private readonly values: JsonValueWriter,
    /** A key as the record spells it: sanitized, and renamed when the record writes that key itself. */
    private readonly safeKey: (key: string) => string,
  ) {}

  openEntry(out: RecordBuffer, key: string, _separated: boolean): void {
    out.writeByte(SPACE);
    out.writeUtf8(this.safeKey(key));
    out.writeByte(EQUALS);
  }

  openMarkerEntry(out: RecordBuffer, key: string, _separated: boolean): void {
    out.writeByte(SPACE);
    out.writeUtf8(key);
    out.writeByte(EQUALS);
  }

  writeValue(out: RecordBuffer, value: unknown, _depth: number, node: RedactNode | null): void {
    switch (typeof value) {
      case 'string':
        this.writeString(out, value);
        return;
      case 'number':
        writeLogfmtNumber(out, value);
        return;
      case 'boolean':
        writeJsonBoolean(out, value);
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

  writeString(out: RecordBuffer, value: string): void {
    if (value.length <= this.values.limits.stringLength) {
      writeLogfmtString(out, value);
      return;
    }
    // Reuse the JSON writer's cutting rules, then quote its result.
    this.writeNested(out, value, null);
  }

  writeMarker(out: RecordBuffer, text: string): void {
    this.writeString(out, text);
  }

  /** Renders with the JSON writer into scratch, then writes that JSON value as logfmt. */
  private writeNested(out: RecordBuffer, value: unknown, node: RedactNode | null): void {
    const scratch = this.scratch;
    scratch.pos = 0;
    this.values.writeValue(scratch, value, 0, node);
    writeLogfmtJsonValue(out, scratch.toString(0, scratch.pos));
  }
}

/** NaN and the infinities are null in JSON: an empty value here, as a JSON line rendered in logfmt has. */
function writeLogfmtNumber(out: RecordBuffer, value: number): void {
  if (Number.isFinite(value)) writeJsonNumber(out, value);
}

const SPACE = 0x20;
const EQUALS = 0x3d;
