import type { RecordBuffer } from '../buffer/record-buffer.js';
import type { RepeatedString } from '../buffer/repeated-string.js';
import { compileGenerated } from '../codegen/compile-generated.js';
import { byteStoresSource, int32StoresSource } from '../codegen/source-text.js';
import type { RedactNode } from '../redact/redaction.js';
import type { FieldEntrySink } from './field-entry-sink.js';
import type { FieldSerializer } from './field-serializer.js';
import { isOmitted } from './is-omitted.js';

/** One key of a shape, as the FieldKeyTrie's steps hold it (from the last key back to the root). */
export interface ShapeStep {
  readonly parent: ShapeStep | null;
  readonly key: string;
  readonly opening: { readonly bytes: Buffer; write(out: RecordBuffer): void };
  readonly hidden: boolean;
  readonly node: RedactNode | null;
  readonly serializer: FieldSerializer | null;
  readonly repeatedValue: RepeatedString;
}

/** Writes a record's top-level fields when the object has the shape's keys (see FieldShape.matches). */
type ShapeWriter = (out: RecordBuffer, obj: object, sink: FieldEntrySink) => void;

/**
 * One sequence of top-level field keys that records keep repeating (the fields object of a log call
 * site), with a writer compiled for it: each key's entry opening as 32-bit constant stores and its
 * value read by name, in one function. The trie walk writes the same bytes with a call per key to
 * each opening's writer and a step lookup per key, a large part of a record with a few short fields.
 *
 * Compiled only for keys whose values are written as they are: no serializer, no redaction on or
 * below the key. The generated source holds fixed identifiers and numbers only: keys reach it as
 * arguments, their bytes as integers, so no logged key ever becomes code.
 */
export class FieldShape {
  private constructor(
    private readonly match: (obj: object) => boolean,
    readonly write: ShapeWriter,
  ) {}

  /**
   * The shape of the path from the trie's root to `leaf`, or null when a key on it needs more than a
   * plain write, the path is longer than MAX_SHAPE_KEYS, an opening is too long to store as constants,
   * or compiling is refused (see compileGenerated): the trie walk then writes the same bytes.
   */
  static compile(leaf: ShapeStep, sink: FieldEntrySink): FieldShape | null {
    const path: ShapeStep[] = [];
    for (let step: ShapeStep | null = leaf; step?.parent != null; step = step.parent) {
      if (step.hidden || step.node !== null || step.serializer !== null) return null;
      const opening = step.opening.bytes;
      if (opening.length > MAX_OPENING_BYTES) return null;
      path.push(step);
      if (path.length > MAX_SHAPE_KEYS) return null;
    }
    if (path.length === 0) return null;
    path.reverse();
    const keys = path.map((step) => step.key);
    const match = compileKeysMatcher(keys);
    const write = compileShapeWriter(path, sink);
    return match === null || write === null ? null : new FieldShape(match, write);
  }

  /**
   * Whether `obj`'s enumerable keys are this shape's keys, own and in this order: exactly what the trie
   * walk would find (for...in order, inherited keys included, so an inherited key is a mismatch).
   */
  matches(obj: object): boolean {
    return this.match(obj);
  }
}

/**
 * What the walk does for a value that is not a number, string or boolean: nothing for an omitted one
 * (undefined, function, symbol), else the opening and the sink's value writer.
 */
function writeOtherEntry(out: RecordBuffer, value: unknown, step: ShapeStep, sink: FieldEntrySink): void {
  if (isOmitted(value)) return;
  step.opening.write(out);
  sink.writeValue(out, value, 0, null);
}

/**
 * Whether an object's enumerable keys are exactly `keys`, own and in this order (FieldShape.matches, a
 * learned call's test), each compared with a constant of its own: a loop over an array of keys pays the
 * generic string comparison of an element for each. Null when compiling is refused.
 */
export function compileKeysMatcher(keys: readonly string[]): ((obj: object) => boolean) | null {
  const cases = keys.map((_, i) => `case ${i}: if (key !== k${i}) return false; break;\n`).join('');
  const body =
    'let i = 0;\n' +
    'for (const key in obj) {\n' +
    `switch (i) {\n${cases}default: return false;\n}\n` +
    'if (!hasOwn.call(obj, key)) return false;\n' +
    'i++;\n' +
    '}\n' +
    `return i === ${keys.length};\n`;
  const deps: Record<string, unknown> = { hasOwn };
  keys.forEach((key, i) => {
    deps[`k${i}`] = key;
  });
  return compileGenerated<(obj: object) => boolean>(
    `'use strict';\nreturn function matchesFieldShape(obj) {\n${body}};`,
    deps,
  );
}

function compileShapeWriter(path: readonly ShapeStep[], sink: FieldEntrySink): ShapeWriter | null {
  const deps: Record<string, unknown> = {
    num: sink.writeNumber,
    bool: sink.writeBoolean,
    other: writeOtherEntry,
  };
  let body = 'let v, p, d;\n';
  path.forEach((step, i) => {
    deps[`k${i}`] = step.key;
    deps[`s${i}`] = step;
    const open = openingStores(step.opening.bytes);
    body +=
      `v = obj[k${i}];\n` +
      `if (typeof v === 'number') { ${open} num(out, v); }\n` +
      `else if (typeof v === 'string') { ${open} s${i}.repeatedValue.write(out, v, sink); }\n` +
      `else if (typeof v === 'boolean') { ${open} bool(out, v); }\n` +
      `else other(out, v, s${i}, sink);\n`;
  });
  return compileGenerated<ShapeWriter>(
    `'use strict';\nreturn function writeFieldShape(out, obj, sink) {\n${body}};`,
    deps,
  );
}

/** `bytes` written at out.pos and out.pos moved past them (byte stores below 4 bytes: ` a=`). */
function openingStores(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n < 4) {
    return `out.ensure(${n}); p = out.pos; d = out.bytes;\n${byteStoresSource(bytes, 'd', 'p')}out.pos = p + ${n};`;
  }
  return `out.ensure(${n}); p = out.pos; d = out.view;\n${int32StoresSource(bytes, 'd', 'p')}out.pos = p + ${n};`;
}

const hasOwn = Object.prototype.hasOwnProperty;
/** Longer field objects are rarer per call site, and their generated writer would grow with them. */
const MAX_SHAPE_KEYS = 16;
/** A key's opening past this is copied by its own writer (HotBytes compiles up to 64 bytes too). */
const MAX_OPENING_BYTES = 64;
