import { type RecordBuffer, rethrowIfAbandoned } from '../buffer/record-buffer.js';
import type { FieldEntrySink } from '../fields/field-entry-sink.js';
import type { FieldSerializer } from '../fields/field-serializer.js';
import { FieldWalker } from '../fields/field-walker.js';
import { isOmitted } from '../fields/is-omitted.js';
import type { Redaction, RedactNode } from '../redact/redaction.js';
import {
  CIRCULAR_MARKER,
  DEPTH_ARRAY_MARKER,
  DEPTH_OBJECT_MARKER,
  truncatedArrayMarker,
  truncatedStringSuffix,
  unserializableMarker,
} from '../value/markers.js';
import type { ValueLimits } from '../value/value-limits.js';
import { writeJsonBoolean } from './write-json-boolean.js';
import { writeJsonNumber } from './write-json-number.js';
import { writeJsonString } from './write-json-string.js';

/**
 * Writes any JavaScript value as JSON, with JSON.stringify's semantics where it has them (toJSON,
 * omitted undefined/function/symbol properties, null for non-finite numbers) and a valid marker where
 * it would throw or never end: cycles, throwing getters, toJSON and Proxy traps, BigInt (a decimal
 * string), depth and size past the limits. It never throws into the caller.
 *
 * One writer per logger tree; not re-entrant across threads (there is one JS thread per writer).
 */
export class JsonValueWriter implements FieldEntrySink {
  /** The rules for objects' entries (a record's fields, an object inside a value): see FieldWalker. */
  readonly walker: FieldWalker;
  /** JSON entries of objects inside values, `,"key":value`: the walker calls back into this writer. */
  private readonly entries: FieldEntrySink = this;
  readonly writeNumber = writeJsonNumber;
  readonly writeBoolean = writeJsonBoolean;

  constructor(
    readonly limits: Readonly<ValueLimits>,
    readonly redaction: Redaction | null,
    /** pino-style serializers for top-level fields, by key; null when none are configured. */
    readonly serializers: ReadonlyMap<string, FieldSerializer> | null = null,
  ) {
    this.walker = new FieldWalker(limits, redaction, serializers);
  }

  /** See FieldWalker.serializeField. */
  serializeField(key: string, value: unknown): unknown {
    return this.walker.serializeField(key, value);
  }

  /** Writes a value where JSON needs one (array slot, top-level field); omitted kinds become `null`. */
  writeValue(out: RecordBuffer, value: unknown, depth: number, node: RedactNode | null): void {
    switch (typeof value) {
      case 'string':
        this.writeString(out, value);
        return;
      case 'number':
        writeJsonNumber(out, value);
        return;
      case 'boolean':
        writeJsonBoolean(out, value);
        return;
      case 'bigint':
        // JSON.stringify throws on BigInt; a decimal string keeps every digit.
        writeJsonString(out, value.toString());
        return;
      case 'object':
        if (value === null) out.writeAscii('null');
        else this.writeObjectLike(out, value, depth, node);
        return;
      default:
        out.writeAscii('null');
    }
  }

  /** A string, cut to the length limit with a marker saying how much was cut. */
  writeString(out: RecordBuffer, s: string): void {
    const max = this.limits.stringLength;
    if (s.length <= max) {
      writeJsonString(out, s);
      return;
    }
    let cut = max;
    const last = s.charCodeAt(cut - 1);
    if (last >= 0xd800 && last <= 0xdbff) cut--; // never split a surrogate pair
    writeJsonString(out, s.slice(0, cut) + truncatedStringSuffix(s.length - cut));
  }

  openEntry(out: RecordBuffer, key: string, separated: boolean): void {
    if (separated) out.writeByte(COMMA);
    writeJsonString(out, key);
    out.writeByte(COLON);
  }

  openMarkerEntry(out: RecordBuffer, key: string, separated: boolean): void {
    this.openEntry(out, key, separated);
  }

  writeMarker(out: RecordBuffer, text: string): void {
    writeJsonString(out, text);
  }

  /** See FieldWalker.enter: for a format writing an object's entries itself. */
  enter(obj: object): void {
    this.walker.enter(obj);
  }

  leave(): void {
    this.walker.leave();
  }

  private writeObjectLike(out: RecordBuffer, value: object, depth: number, node: RedactNode | null): void {
    const ancestors = this.walker.ancestors;
    if (ancestors.includes(value)) {
      writeJsonString(out, CIRCULAR_MARKER);
      return;
    }
    const from = out.pos - out.start;
    ancestors.push(value);
    try {
      this.writeObjectBody(out, value, depth, node);
    } catch (error) {
      rethrowIfAbandoned(error);
      // A trap, getter or toJSON threw part-way: drop the partial bytes, keep the record valid.
      out.pos = out.start + from;
      writeJsonString(out, unserializableMarker(error));
    } finally {
      ancestors.pop();
    }
  }

  private writeObjectBody(out: RecordBuffer, value: object, depth: number, node: RedactNode | null): void {
    if (value instanceof Error) {
      this.writeError(out, value, depth, node);
      return;
    }
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      this.writeToJsonResult(out, toJSON.call(value), depth, node);
      return;
    }
    if (isBoxedPrimitive(value)) {
      this.writeValue(out, value.valueOf(), depth, node);
      return;
    }
    if (depth >= this.limits.depth) {
      writeJsonString(out, Array.isArray(value) ? DEPTH_ARRAY_MARKER : DEPTH_OBJECT_MARKER);
      return;
    }
    if (Array.isArray(value)) {
      this.writeArray(out, value, depth + 1, node);
      return;
    }
    out.writeByte(OPEN_BRACE);
    this.walker.writeEntries(out, value, this.entries, depth + 1, node);
    out.writeByte(CLOSE_BRACE);
  }

  /** JSON.stringify serialises what toJSON returns without calling toJSON on it again. */
  private writeToJsonResult(
    out: RecordBuffer,
    result: unknown,
    depth: number,
    node: RedactNode | null,
  ): void {
    if (typeof result !== 'object' || result === null) {
      this.writeValue(out, result, depth, node);
      return;
    }
    if (isBoxedPrimitive(result)) {
      this.writeValue(out, result.valueOf(), depth, node);
      return;
    }
    if (depth >= this.limits.depth) {
      writeJsonString(out, Array.isArray(result) ? DEPTH_ARRAY_MARKER : DEPTH_OBJECT_MARKER);
    } else if (Array.isArray(result)) {
      this.writeArray(out, result, depth + 1, node);
    } else {
      out.writeByte(OPEN_BRACE);
      this.walker.writeEntries(out, result, this.entries, depth + 1, node);
      out.writeByte(CLOSE_BRACE);
    }
  }

  private writeArray(
    out: RecordBuffer,
    array: readonly unknown[],
    depth: number,
    node: RedactNode | null,
  ): void {
    const length = array.length;
    const limit = Math.min(length, this.limits.arrayLength);
    const redaction = this.redaction;
    out.writeByte(OPEN_BRACKET);
    for (let i = 0; i < limit; i++) {
      if (i > 0) out.writeByte(COMMA);
      let next: RedactNode | null = null;
      if (redaction !== null && node !== null) {
        next = redaction.step(node, String(i));
        if (next?.censored) {
          writeJsonString(out, redaction.censor);
          continue;
        }
      }
      this.writeArrayElement(out, array, i, depth, next);
    }
    if (length > limit) {
      if (limit > 0) out.writeByte(COMMA);
      writeJsonString(out, truncatedArrayMarker(length - limit));
    }
    out.writeByte(CLOSE_BRACKET);
  }

  private writeArrayElement(
    out: RecordBuffer,
    array: readonly unknown[],
    i: number,
    depth: number,
    node: RedactNode | null,
  ): void {
    let element: unknown;
    try {
      element = array[i];
    } catch (error) {
      writeJsonString(out, unserializableMarker(error));
      return;
    }
    this.writeValue(out, element, depth, node);
  }

  /**
   * An Error as pino-std-serializers shapes it: `type`, `message`, `stack`, own enumerable properties,
   * then `cause` and AggregateError's `errors`, all within the depth limit.
   */
  private writeError(out: RecordBuffer, error: Error, depth: number, node: RedactNode | null): void {
    if (depth >= this.limits.depth) {
      writeJsonString(out, DEPTH_OBJECT_MARKER);
      return;
    }
    const inner = depth + 1;
    out.writeByte(OPEN_BRACE);
    writeJsonString(out, 'type');
    out.writeByte(COLON);
    this.writeString(out, errorTypeName(error));
    this.writeErrorField(out, error, 'message', inner, node);
    this.writeErrorField(out, error, 'stack', inner, node);
    const keys = Object.keys(error);
    const limit = Math.min(keys.length, this.limits.objectKeys);
    // Only AggregateError's `errors` is written last; on other errors it is an ordinary own property
    // (Mongoose's ValidationError keeps its per-field errors there).
    const aggregate = error instanceof AggregateError;
    for (let i = 0; i < limit; i++) {
      const key = keys[i];
      if (!ERROR_OWN_FIELDS.has(key) && !(aggregate && key === 'errors')) {
        this.writeErrorField(out, error, key, inner, node);
      }
    }
    if ('cause' in error) this.writeErrorField(out, error, 'cause', inner, node);
    if (aggregate) this.writeErrorField(out, error, 'errors', inner, node);
    out.writeByte(CLOSE_BRACE);
  }

  private writeErrorField(
    out: RecordBuffer,
    error: Error,
    key: string,
    depth: number,
    node: RedactNode | null,
  ): void {
    let value: unknown;
    try {
      value = (error as unknown as Record<string, unknown>)[key];
    } catch (failure) {
      value = unserializableMarker(failure);
    }
    if (isOmitted(value)) return;
    out.writeByte(COMMA);
    writeJsonString(out, key);
    out.writeByte(COLON);
    const redaction = this.redaction;
    if (redaction !== null) {
      const next = redaction.step(node, key);
      if (redaction.hides(next, key)) {
        writeJsonString(out, redaction.censor);
        return;
      }
      this.writeValue(out, value, depth, next);
      return;
    }
    this.writeValue(out, value, depth, null);
  }
}

/** `new Number(1)`, `Object('s')`, `Object(1n)`: JSON.stringify writes the primitive inside. */
function isBoxedPrimitive(value: object): value is { valueOf(): unknown } {
  return (
    value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof BigInt
  );
}

function errorTypeName(error: Error): string {
  const name = error.constructor?.name;
  return typeof name === 'string' && name.length > 0 ? name : String(error.name);
}

/** Written first (type, message, stack) or last (cause) by writeError. */
const ERROR_OWN_FIELDS = new Set(['type', 'message', 'stack', 'cause']);

const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
