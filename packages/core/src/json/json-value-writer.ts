import { RECORD_ABANDONED, type RecordBuffer } from '../buffer/record-buffer.js';
import type { RepeatedString } from '../buffer/repeated-string.js';
import type { FieldKeyTrie } from '../format/field-key-trie.js';
import type { Redaction, RedactNode } from '../redact/redaction.js';
import {
  CIRCULAR_MARKER,
  DEPTH_ARRAY_MARKER,
  DEPTH_OBJECT_MARKER,
  TRUNCATED_KEYS_KEY,
  truncatedArrayMarker,
  truncatedKeysMarker,
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
export class JsonValueWriter {
  private readonly ancestors: unknown[] = [];

  constructor(
    readonly limits: Readonly<ValueLimits>,
    readonly redaction: Redaction | null,
    /** pino-style serializers for top-level fields, by key; null when none are configured. */
    readonly serializers: ReadonlyMap<string, FieldSerializer> | null = null,
  ) {}

  /**
   * The value to write for top-level field `key`: what its serializer returns, or a marker if the
   * serializer throws (a user function must not make a log call throw).
   */
  serializeField(key: string, value: unknown): unknown {
    const serializer = this.serializers?.get(key);
    return serializer === undefined ? value : applySerializer(serializer, value);
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

  /** writeString, through the bytes kept for a string that repeats at this place of the record. */
  writeRepeatableString(out: RecordBuffer, s: string, repeated: RepeatedString): void {
    if (repeated.writeIfKept(out, s)) return;
    // A place in the record is kept relative to its start: a ring sink's `ensure` may move the record.
    const from = out.pos - out.start;
    this.writeString(out, s);
    repeated.noteWritten(out, out.start + from, s);
  }

  /**
   * Writes the enumerable own properties of `obj` as `,"key":value` entries (no braces): the shape of
   * top-level fields appended to a record. `rename` maps keys the record reserves to safe ones, and
   * leaves out (null) a key the record writes elsewhere, without reading its value.
   */
  writeEntries(
    out: RecordBuffer,
    obj: object,
    leadingComma: boolean,
    depth: number,
    node: RedactNode | null,
    rename: ((key: string) => string | null) | null,
  ): boolean {
    const from = out.pos - out.start;
    this.enter(obj);
    try {
      return this.writeEntriesUnguarded(out, obj, leadingComma, depth, node, rename);
    } catch (error) {
      writeEnumerationFailure(out, out.start + from, leadingComma, error);
      return true;
    } finally {
      this.leave();
    }
  }

  /**
   * Top-level fields as `,"key":value` entries, each key's opening, redaction and serializer taken from
   * `keys` (worked out once per key, see FieldKeyTrie): the bytes writeEntries writes with the same
   * rules, for less work per key.
   */
  writeFieldEntries(out: RecordBuffer, obj: object, keys: FieldKeyTrie): void {
    const from = out.pos - out.start;
    this.enter(obj);
    try {
      this.writeFieldEntriesUnguarded(out, obj, keys);
    } catch (error) {
      writeEnumerationFailure(out, out.start + from, true, error);
    } finally {
      this.leave();
    }
  }

  /**
   * Marks `obj` as being written until `leave`: a format writing an object's entries itself (top-level
   * fields, bindings) calls this so that a value referring back to that object is `[Circular]` at once,
   * not after one repeated copy.
   */
  enter(obj: object): void {
    this.ancestors.push(obj);
  }

  leave(): void {
    this.ancestors.pop();
  }

  private writeEntriesUnguarded(
    out: RecordBuffer,
    obj: object,
    leadingComma: boolean,
    depth: number,
    node: RedactNode | null,
    rename: ((key: string) => string | null) | null,
  ): boolean {
    const redaction = this.redaction;
    const limit = this.limits.objectKeys;
    let comma = leadingComma;
    let wrote = false;
    let seen = 0;
    // for...in with an own-property test: V8's enum cache makes it ~2x faster than Object.keys, which
    // allocates an array per object (measured with a 4-key object on Node 20).
    for (const key in obj) {
      if (!hasOwn.call(obj, key)) continue;
      const name = rename === null ? key : rename(key);
      if (name === null) continue;
      if (++seen > limit) continue; // keep counting: the marker says how many were left out
      let value: unknown;
      let failure: unknown = NO_FAILURE;
      try {
        value = (obj as Record<string, unknown>)[key];
      } catch (error) {
        failure = error;
      }
      if (depth === 0 && this.serializers !== null) value = this.serializeField(key, value);
      if (failure === NO_FAILURE && isOmitted(value)) continue;
      if (comma) out.writeByte(COMMA);
      comma = true;
      wrote = true;
      writeJsonString(out, name);
      out.writeByte(COLON);
      let next: RedactNode | null = null;
      if (redaction !== null) {
        next = redaction.step(node, key);
        if (redaction.hides(next, key)) {
          writeJsonString(out, redaction.censor);
          continue;
        }
      }
      if (failure !== NO_FAILURE) writeJsonString(out, unserializableMarker(failure));
      else this.writeValue(out, value, depth, next);
    }
    if (seen > limit) {
      writeTruncatedKeys(out, comma, seen - limit);
      wrote = true;
    }
    return wrote;
  }

  /** writeEntriesUnguarded for depth 0, a leading comma and the rules `keys` holds per key. */
  private writeFieldEntriesUnguarded(out: RecordBuffer, obj: object, keys: FieldKeyTrie): void {
    const limit = this.limits.objectKeys;
    let step = keys.start();
    if (keys.pausedFor > 0) keys.pausedFor--;
    else if (this.wroteAsGuessedShape(out, obj, keys)) return;
    let seen = 0;
    let ownKeysOnly = true;
    for (const key in obj) {
      if (!hasOwn.call(obj, key)) {
        ownKeysOnly = false;
        continue;
      }
      if (++seen > limit) continue; // keep counting: the marker says how many were left out
      let value: unknown;
      let failure: unknown = NO_FAILURE;
      try {
        value = (obj as Record<string, unknown>)[key];
      } catch (error) {
        failure = error;
      }
      step = keys.stepAfter(step, key);
      if (step.serializer !== null) value = applySerializer(step.serializer, value);
      if (failure === NO_FAILURE && isOmitted(value)) continue;
      step.opening.write(out);
      if (step.hidden) writeJsonString(out, (this.redaction as Redaction).censor);
      else if (failure !== NO_FAILURE) writeJsonString(out, unserializableMarker(failure));
      else if (typeof value === 'string') this.writeRepeatableString(out, value, step.repeatedValue);
      else this.writeValue(out, value, 0, step.node);
    }
    if (seen > limit) writeTruncatedKeys(out, true, seen - limit);
    else if (ownKeysOnly && step.arrive()) keys.arrivedAt(step);
  }

  /**
   * Writes the fields through the compiled shape of recent records' keys when `obj` has exactly those
   * keys (see FieldShape). False, with nothing written, when it has not, or when a getter or a Proxy
   * trap threw on the way: the walk then writes the object and marks what threw (calling the getters
   * before it a second time).
   */
  private wroteAsGuessedShape(out: RecordBuffer, obj: object, keys: FieldKeyTrie): boolean {
    const from = out.pos - out.start;
    try {
      const shape = keys.shapeOf(obj);
      if (shape === null) return false;
      shape.write(out, obj, this);
      return true;
    } catch (error) {
      rethrowIfAbandoned(error);
      out.pos = out.start + from;
      return false;
    }
  }

  private writeObjectLike(out: RecordBuffer, value: object, depth: number, node: RedactNode | null): void {
    const ancestors = this.ancestors;
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
    this.writeEntriesUnguarded(out, value, false, depth + 1, node, null);
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
      this.writeEntriesUnguarded(out, result, false, depth + 1, node, null);
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

/** A function applied to a top-level field's value before it is written (pino's `serializers`). */
export type FieldSerializer = (value: any) => unknown;

/** What a serializer returns, or a marker if it throws (a user function must not make a log call throw). */
function applySerializer(serializer: FieldSerializer, value: unknown): unknown {
  try {
    return serializer(value);
  } catch (error) {
    return unserializableMarker(error);
  }
}

/**
 * Replaces the entries written since `start` with one `"fields"` marker. Only enumerating keys can
 * fail this way (a Proxy's ownKeys trap, a revoked Proxy); a dropped record is not a failure.
 */
function writeEnumerationFailure(
  out: RecordBuffer,
  start: number,
  leadingComma: boolean,
  error: unknown,
): void {
  rethrowIfAbandoned(error);
  out.pos = start;
  if (leadingComma) out.writeByte(COMMA);
  writeJsonString(out, 'fields');
  out.writeByte(COLON);
  writeJsonString(out, unserializableMarker(error));
}

/** The `"...":"[n more keys]"` entry that ends an object cut at the key limit. */
function writeTruncatedKeys(out: RecordBuffer, comma: boolean, count: number): void {
  if (comma) out.writeByte(COMMA);
  writeJsonString(out, TRUNCATED_KEYS_KEY);
  out.writeByte(COLON);
  writeJsonString(out, truncatedKeysMarker(count));
}

/**
 * A full ring dropping the record (RECORD_ABANDONED from `ensure`) is no failure of the value: it must
 * reach the logger, which then writes nothing more. Caught here, it became a marker written into the
 * dropped record's space, and that record was both delivered and counted as dropped.
 */
export function rethrowIfAbandoned(error: unknown): void {
  if (error === RECORD_ABANDONED) throw error;
}

/** Properties JSON.stringify leaves out of objects. */
export function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
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

const hasOwn = Object.prototype.hasOwnProperty;

/** A sentinel no getter can return. */
const NO_FAILURE: unknown = Symbol('no failure');

const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
