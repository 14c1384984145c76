import { copyBytes } from '../buffer/copy-bytes.js';
import { type RecordBuffer, rethrowIfAbandoned } from '../buffer/record-buffer.js';
import type { Redaction, RedactNode } from '../redact/redaction.js';
import { TRUNCATED_KEYS_KEY, truncatedKeysMarker, unserializableMarker } from '../value/markers.js';
import type { ValueLimits } from '../value/value-limits.js';
import type { FieldEntrySink } from './field-entry-sink.js';
import type { FieldKeyTrie } from './field-key-trie.js';
import { applySerializer, type FieldSerializer } from './field-serializer.js';
import { isOmitted } from './is-omitted.js';

/**
 * The one walk over an object's entries, a record's fields or an object inside a value, for every
 * format: it decides which entries there are and what stands in a value's place, and hands each to a
 * format's FieldEntrySink. The rules:
 *
 * - Enumeration: own enumerable string keys, in `for...in` order (inherited keys skipped, symbols never).
 * - Limits: the first `objectKeys` own keys, counted before omission; the rest are counted into a last
 *   `"...": "[n more keys]"` entry. Depth, string, array limits and cycles are the value writer's.
 * - Reading: each value read once; a throwing getter or Proxy trap gives `[Unserializable: ...]` in its
 *   place, never passed to a serializer.
 * - Serializers: a record's fields only (depth 0), by key; a throwing one gives the marker.
 * - Omission: after the serializer, undefined, functions and symbols leave their entry out, key too.
 * - Redaction: a hidden key's value is the censor (a throwing getter's too); an omitted one stays out.
 * - Enumeration failure (an ownKeys trap, a revoked Proxy): a record's fields become one `fields` entry
 *   holding the marker; an object inside a value throws, and the value writer marks the whole value.
 * - Claims: fields a format takes for itself (foundation's emoji prefix) are neither counted nor written.
 * - Cycles: the object being walked is an ancestor, so a value referring back to it is `[Circular]`.
 * - A record dropped by a full ring (RECORD_ABANDONED) is no failure: it passes through.
 * - Values are the sink's to spell, with JsonValueWriter's rules for what is inside them (toJSON, Errors,
 *   BigInt, non-finite numbers as null, `[Object]`/`[Array]` past the depth limit, cut strings and arrays).
 *
 * A record's fields may walk through the format's FieldKeyTrie, which holds each key's decisions (its
 * opening bytes, redaction, serializer) and compiled writers for shapes that keep repeating.
 */
export class FieldWalker {
  /** The objects being written, outermost first: a value among them is `[Circular]`. */
  readonly ancestors: unknown[] = [];

  constructor(
    readonly limits: Readonly<ValueLimits>,
    readonly redaction: Redaction | null,
    /** pino-style serializers for top-level fields, by key; null when none are configured. */
    readonly serializers: ReadonlyMap<string, FieldSerializer> | null,
  ) {}

  /**
   * The value to write for top-level field `key`: what its serializer returns, or a marker if the
   * serializer throws.
   */
  serializeField(key: string, value: unknown): unknown {
    const serializer = this.serializers?.get(key);
    return serializer === undefined ? value : applySerializer(serializer, value);
  }

  /**
   * Marks `obj` as being written until `leave`: a writer of an object's entries of its own calls this
   * so that a value referring back to that object is `[Circular]` at once, not after one repeated copy.
   */
  enter(obj: object): void {
    this.ancestors.push(obj);
  }

  leave(): void {
    this.ancestors.pop();
  }

  /**
   * A record's fields (or bindings, or base). `keys`: the format's trie, when its decisions hold (`node`
   * is the redaction root it was built under), else null. `claims`: fields the format takes for itself
   * instead of writing them. `separated`: whether the first entry opens with its separator. `leftOut`:
   * a key written elsewhere (the message taken from a field), neither read nor counted. Returns whether
   * anything was written. Never throws but RECORD_ABANDONED.
   */
  writeFields(
    out: RecordBuffer,
    fields: object,
    sink: FieldEntrySink,
    node: RedactNode | null,
    keys: FieldKeyTrie | null,
    claims: FieldClaims | null = null,
    separated = true,
    leftOut: string | null = null,
  ): boolean {
    const from = out.pos - out.start;
    this.ancestors.push(fields);
    try {
      // A compiled shape opens every entry with its separator, and knows nothing of claims.
      if (keys !== null && separated && claims === null) {
        if (keys.pausedFor > 0) keys.pausedFor--;
        else if (this.wroteAsGuessedShape(out, fields, sink, keys)) return out.pos - out.start > from;
      }
      this.walk(out, fields, sink, separated, 0, node, keys, claims, leftOut);
    } catch (error) {
      rethrowIfAbandoned(error);
      out.pos = out.start + from;
      claims?.reset();
      sink.openMarkerEntry(out, 'fields', separated);
      sink.writeMarker(out, unserializableMarker(error));
    } finally {
      this.ancestors.pop();
    }
    return out.pos - out.start > from;
  }

  /**
   * The entries of an object inside a value at `depth` (no separator before the first). Throws what
   * enumerating it throws (the value writer marks the whole value).
   */
  writeEntries(
    out: RecordBuffer,
    obj: object,
    sink: FieldEntrySink,
    depth: number,
    node: RedactNode | null,
  ): void {
    this.walk(out, obj, sink, false, depth, node, null, null, null);
  }

  private walk(
    out: RecordBuffer,
    obj: object,
    sink: FieldEntrySink,
    separated: boolean,
    depth: number,
    node: RedactNode | null,
    keys: FieldKeyTrie | null,
    claims: FieldClaims | null,
    leftOut: string | null,
  ): void {
    const redaction = this.redaction;
    const serializers = depth === 0 ? this.serializers : null;
    const limit = this.limits.objectKeys;
    // Shapes are compiled for walks they can stand in for (see writeFields).
    const learnsShapes = separated && claims === null;
    let step = keys === null ? null : keys.start();
    let seen = 0;
    let ownKeysOnly = true;
    // for...in with an own-property test: V8's enum cache serves it without the array per object that
    // Object.keys allocates.
    for (const key in obj) {
      if (!hasOwn.call(obj, key)) {
        ownKeysOnly = false;
        continue;
      }
      if (key === leftOut) continue;
      if (claims !== null) {
        const slot = claims.slotOf.get(key);
        if (slot !== undefined) {
          claims.capture(slot, readClaimed(obj, key));
          continue;
        }
      }
      if (++seen > limit) continue; // keep counting: the marker says how many were left out
      let value: unknown;
      let failure: unknown = NO_FAILURE;
      try {
        value = (obj as Record<string, unknown>)[key];
      } catch (error) {
        failure = error;
      }
      let serializer: FieldSerializer | null | undefined = null;
      if (step !== null) {
        step = (keys as FieldKeyTrie).stepAfter(step, key);
        serializer = step.serializer;
      } else if (serializers !== null) {
        serializer = serializers.get(key);
      }
      if (failure === NO_FAILURE) {
        if (serializer != null) value = applySerializer(serializer, value);
        if (isOmitted(value)) continue;
      }
      let next: RedactNode | null = null;
      let hidden = false;
      if (step !== null) {
        // An opening's first byte is its separator.
        if (separated) step.opening.write(out);
        else copyBytes(out, step.opening.bytes, 1, step.opening.bytes.length);
        next = step.node;
        hidden = step.hidden;
      } else {
        sink.openEntry(out, key, separated);
        if (redaction !== null) {
          next = redaction.step(node, key);
          hidden = redaction.hides(next, key);
        }
      }
      separated = true;
      if (hidden) sink.writeMarker(out, (redaction as Redaction).censor);
      else if (failure !== NO_FAILURE) sink.writeMarker(out, unserializableMarker(failure));
      else if (step !== null && typeof value === 'string') step.repeatedValue.write(out, value, sink);
      else sink.writeValue(out, value, depth, next);
    }
    if (seen > limit) {
      sink.openMarkerEntry(out, TRUNCATED_KEYS_KEY, separated);
      sink.writeMarker(out, truncatedKeysMarker(seen - limit));
    } else if (step !== null && learnsShapes && ownKeysOnly && step.arrive()) {
      (keys as FieldKeyTrie).arrivedAt(step);
    }
  }

  /**
   * Writes the fields through the compiled shape of recent records' keys when `fields` has exactly
   * those keys (see FieldShape). False, with nothing written, when it has not, or when a getter or a
   * Proxy trap threw on the way: the walk then writes the object and marks what threw (calling the
   * getters before it a second time).
   */
  private wroteAsGuessedShape(
    out: RecordBuffer,
    fields: object,
    sink: FieldEntrySink,
    keys: FieldKeyTrie,
  ): boolean {
    const from = out.pos - out.start;
    try {
      const shape = keys.shapeOf(fields);
      if (shape === null) return false;
      shape.write(out, fields, sink);
      return true;
    } catch (error) {
      rethrowIfAbandoned(error);
      out.pos = out.start + from;
      return false;
    }
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Fields a format takes for itself instead of writing them as entries (foundation's emoji prefix): not
 * counted against the key limit, their values (or a throwing getter's marker) handed to `capture`.
 */
export interface FieldClaims {
  readonly slotOf: ReadonlyMap<string, number>;
  capture(slot: number, value: unknown): void;
  /** Forgets what was captured: the fields could not be enumerated after all. */
  reset(): void;
}

/** A claimed field's value, or the marker of what its getter threw. */
function readClaimed(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch (error) {
    return unserializableMarker(error);
  }
}

/** A sentinel no getter can return. */
const NO_FAILURE: unknown = Symbol('no failure');
