import { RecordBuffer } from '@sluice/core';
import { type Redaction, type RedactNode, unserializableMarker } from '@sluice/core/internal';
import type { EmojiPrefix } from './emoji-prefix.js';
import { readField } from './record-fields.js';

/**
 * Everything about a record's fields that depends only on their keys, worked out once per shape of
 * fields object and reused for every record of that shape: which keys feed the emoji prefix, which are
 * written and in what order (sorted for key_value), each written key's encoded bytes (renamed if
 * reserved, escaped, coloured), its redaction, and how many keys the limit cut off.
 */
export class FieldPlan {
  constructor(
    /** The object's own enumerable keys, in enumeration order: what a record must have to use this plan. */
    readonly keys: readonly string[],
    /** Per entry of `keys`: the emoji-prefix slot that consumes it, or -1. */
    readonly slots: readonly number[],
    readonly hasSlots: boolean,
    /** The keys written, in write order. */
    readonly writeKeys: readonly string[],
    /** The written keys encoded as the format wants them, one after another (one buffer per plan). */
    readonly keyBytes: Buffer,
    /** Per written key: where its bytes end in `keyBytes` (they start where the previous key's end). */
    readonly keyEnds: readonly number[],
    /** Per written key: whether redaction hides its value. */
    readonly hidden: readonly boolean[],
    /** Per written key: the redaction node its value is written under. */
    readonly nodes: readonly (RedactNode | null)[],
    /** Keys past the key limit (written as a `...` count). */
    readonly truncatedKeys: number,
    /** key_value: the written-key index before which `service_name` goes (writeKeys.length: last). */
    readonly serviceAt: number,
  ) {}

  /** Records read through this plan so far, until its reader is compiled. */
  uses = 0;
  /** The compiled reader of `writeKeys`, once the shape has proved common (see readPlanValues). */
  reader: PlanReader | null = null;
}

/** Reads a plan's written keys of `fields` into `into[0..n)`, each read guarded. */
type PlanReader = (fields: object, into: unknown[]) => void;

/** What a format decides about its plans. */
export interface FieldPlanOptions {
  readonly prefix: EmojiPrefix | null;
  readonly redaction: Redaction | null;
  readonly keyLimit: number;
  /** key_value sorts its pairs by key; JSON keeps the object's order. */
  readonly sort: boolean;
  /** Writes the encoded bytes a format writes for a (renamed) key. */
  readonly encodeKey: (out: RecordBuffer, key: string) => void;
  /** key_value writes `service_name` at its sorted place among the keys; null when it has none. */
  readonly serviceKey: string | null;
}

/** A node of the plan trie: one edge per key, in enumeration order; a plan where a shape ends. */
interface PlanNode {
  /** Null until a longer shape passes through: most nodes are leaves. */
  next: Map<string, PlanNode> | null;
  plan: FieldPlan | null;
}

/**
 * The plans of one format in one setup, in a trie keyed by the fields' keys in enumeration order. A
 * record first compares its keys with the most recently used plans, then walks the trie (a map lookup
 * per key); neither allocates. Only a shape seen for the first time pays for `Object.keys` and compiling
 * its plan.
 *
 * Both enumerate with `for...in`, which also yields inherited enumerable keys, so they are only used for
 * plain objects (prototype Object.prototype or null); other objects take the `Object.keys` path. The one
 * divergence from Object.keys: with an enumerable property added to Object.prototype, an object lacking
 * that own key but otherwise matching a plan that has it would write the inherited value.
 */
export class FieldPlans {
  /** Set by `planFor` when it returns null: the fields could not even be enumerated (a hostile Proxy). */
  failure: string | null = null;
  /**
   * The values of the record being written, read by readPlanValues; emptied after each record so that
   * nothing of it stays reachable. One record at a time: the pipeline never re-enters a format.
   */
  readonly values: unknown[] = [];
  /** Most recently used first. */
  private readonly recent: FieldPlan[] = [];
  private root: PlanNode = newNode();
  /** Where a plan's keys are encoded before being copied into one buffer of their own. */
  private readonly keyScratch = new RecordBuffer(256);
  private plans = 0;

  constructor(private readonly options: FieldPlanOptions) {}

  planFor(fields: object): FieldPlan | null {
    const recent = this.recent;
    try {
      const proto = Object.getPrototypeOf(fields);
      if (proto === Object.prototype || proto === null) {
        for (let p = 0; p < recent.length; p++) {
          if (matches(fields, recent[p].keys)) {
            const plan = recent[p];
            if (p > 0) {
              // Move up one place: hot shapes drift to the front without reordering on every call.
              recent[p] = recent[p - 1];
              recent[p - 1] = plan;
            }
            return plan;
          }
        }
        const plan = this.find(fields);
        if (plan !== null) {
          this.remember(plan);
          return plan;
        }
      }
    } catch {
      // A Proxy trap threw: Object.keys below reports it.
    }
    let names: string[];
    try {
      names = Object.keys(fields);
    } catch (error) {
      this.failure = unserializableMarker(error);
      return null;
    }
    const plan = this.planOf(names);
    this.remember(plan);
    return plan;
  }

  /** The plan of a plain object's keys, or null when the trie has none. */
  private find(fields: object): FieldPlan | null {
    let node: PlanNode | undefined = this.root;
    for (const key in fields) {
      node = node.next?.get(key);
      if (node === undefined) return null;
    }
    return node.plan;
  }

  /** The plan for these keys, compiled and added the first time. */
  private planOf(names: readonly string[]): FieldPlan {
    if (this.plans >= MAX_PLANS) {
      // An app with endlessly varied keys: start over rather than grow.
      this.root = newNode();
      this.plans = 0;
      this.recent.length = 0;
    }
    let node = this.root;
    for (const key of names) {
      node.next ??= new Map();
      let next = node.next.get(key);
      if (next === undefined) {
        next = newNode();
        node.next.set(key, next);
      }
      node = next;
    }
    if (node.plan === null) {
      node.plan = this.compile(names);
      this.plans++;
    }
    return node.plan;
  }

  private remember(plan: FieldPlan): void {
    const recent = this.recent;
    if (recent.length === RECENT_PLANS) recent.pop();
    recent.unshift(plan);
  }

  private compile(names: readonly string[]): FieldPlan {
    const { prefix, redaction, keyLimit, sort, encodeKey, serviceKey } = this.options;
    const slotOf = prefix === null || prefix.slotCount === 0 ? null : prefix.slotOf;
    // Plain arrays: a typed array costs more to create than a plan's whole lifetime of reads of it.
    const slots: number[] = [];
    let hasSlots = false;
    const written: string[] = [];
    let truncatedKeys = 0;
    for (let i = 0; i < names.length; i++) {
      const slot = slotOf === null ? undefined : slotOf.get(names[i]);
      slots.push(slot ?? -1);
      if (slot !== undefined) {
        hasSlots = true;
      } else if (written.length === keyLimit) {
        truncatedKeys++;
      } else {
        written.push(names[i]);
      }
    }
    if (sort) sortKeys(written);
    const hidden: boolean[] = [];
    const nodes: (RedactNode | null)[] = [];
    for (let i = 0; i < written.length; i++) {
      const key = written[i];
      const node = redaction === null ? null : redaction.step(redaction.root, key);
      nodes.push(node);
      hidden.push(redaction?.hides(node, key) === true);
    }
    let serviceAt = written.length;
    if (serviceKey !== null) {
      const at = written.findIndex((key) => serviceKey < key);
      if (at !== -1) serviceAt = at;
    }
    const scratch = this.keyScratch;
    scratch.pos = 0;
    scratch.start = 0;
    const keyEnds: number[] = [];
    for (const key of written) {
      encodeKey(scratch, renameReservedKey(key));
      keyEnds.push(scratch.pos);
    }
    return new FieldPlan(
      names,
      slots,
      hasSlots,
      written,
      copyOut(scratch),
      keyEnds,
      hidden,
      nodes,
      truncatedKeys,
      serviceAt,
    );
  }
}

/** Hands the fields an emoji prefix renders to its slots. */
export function captureSlots(plan: FieldPlan, fields: object, prefix: EmojiPrefix): void {
  const keys = plan.keys;
  const slots = plan.slots;
  for (let i = 0; i < keys.length; i++) {
    if (slots[i] !== -1) prefix.capture(slots[i], readField(fields, keys[i]));
  }
}

/**
 * Reads the values of the plan's written keys into `into`, in write order, a throwing getter giving its
 * marker (as readField does). A key read through one shared `fields[key]` site is a megamorphic lookup
 * (~20 ns on Node 20) once records of many shapes pass through it; so a shape seen COMPILE_AFTER times
 * gets its own reader, generated code whose constant-key reads V8 caches per shape (~2-5 ns each).
 * Shapes seen fewer times (endlessly varied keys) never pay for compiling one.
 */
export function readPlanValues(plan: FieldPlan, fields: object, into: unknown[]): void {
  if (plan.reader !== null) {
    plan.reader(fields, into);
    return;
  }
  const keys = plan.writeKeys;
  if (++plan.uses === COMPILE_AFTER && keys.length <= MAX_COMPILED_KEYS) plan.reader = compileReader(keys);
  for (let i = 0; i < keys.length; i++) into[i] = readField(fields, keys[i]);
}

/**
 * `function (fields, into) { try { into[0] = fields["a"]; } catch (error) { into[0] = marker(error); } ... }`.
 * Keys enter the code only as JSON string literals (valid JavaScript string literals for any string).
 */
function compileReader(keys: readonly string[]): PlanReader {
  let body = '';
  for (let i = 0; i < keys.length; i++) {
    body += `try { into[${i}] = fields[${JSON.stringify(keys[i])}]; } catch (error) { into[${i}] = marker(error); }\n`;
  }
  const make = new Function('marker', `return function readPlanFields(fields, into) {\n${body}};`);
  return make(unserializableMarker) as PlanReader;
}

/** The bytes written to `scratch`, in a buffer of their own (from Node's pool: no view, no C++ copy). */
function copyOut(scratch: RecordBuffer): Buffer {
  const n = scratch.pos;
  const bytes = Buffer.allocUnsafe(n);
  const src = scratch.bytes;
  for (let i = 0; i < n; i++) bytes[i] = src[i];
  return bytes;
}

function newNode(): PlanNode {
  return { next: null, plan: null };
}

/** Whether `fields` enumerates exactly `keys`, in order. */
function matches(fields: object, keys: readonly string[]): boolean {
  const n = keys.length;
  let i = 0;
  for (const key in fields) {
    if (i === n || key !== keys[i]) return false;
    i++;
  }
  return i === n;
}

/**
 * Sorts keys in code-unit order (Array#sort's default), by insertion: records have few keys, and this
 * allocates nothing; past SMALL_SORT keys Array#sort takes over.
 */
function sortKeys(keys: string[]): void {
  if (keys.length > SMALL_SORT) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}

/** Keys the foundation record writes itself; a field with one of these names is written as `_name`. */
export const RESERVED_FIELD_KEYS: ReadonlySet<string> = new Set([
  'event',
  'level',
  'timestamp',
  'logger_name',
  'service_name',
]);

export function renameReservedKey(key: string): string {
  return RESERVED_FIELD_KEYS.has(key) ? `_${key}` : key;
}

const SMALL_SORT = 32;
/** Shapes remembered per format before the trie starts over (an app with endlessly varied keys). */
const MAX_PLANS = 1024;
/** Records of a shape read generically before it gets a compiled reader. */
const COMPILE_AFTER = 8;
/** Larger shapes keep the generic read (their code would be large, and they are rare). */
const MAX_COMPILED_KEYS = 64;
/** Shapes compared per record before the table lookup. */
const RECENT_PLANS = 4;
