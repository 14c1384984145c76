import type { Redaction, RedactNode } from '../redact/redaction.js';
import { unserializableMarker } from '../value/markers.js';
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
    readonly slots: Int32Array,
    readonly hasSlots: boolean,
    /** The keys written, in write order. */
    readonly writeKeys: readonly string[],
    /** Per written key: its encoded key bytes, as the format wants them. */
    readonly keyBytes: readonly Buffer[],
    /** Per written key: 1 when redaction hides its value. */
    readonly hidden: Uint8Array,
    /** Per written key: the redaction node its value is written under. */
    readonly nodes: readonly (RedactNode | null)[],
    /** Keys past the key limit (written as a `...` count). */
    readonly truncatedKeys: number,
    /** key_value: the written-key index before which `service_name` goes (writeKeys.length: last). */
    readonly serviceAt: number,
  ) {}
}

/** What a format decides about its plans. */
export interface FieldPlanOptions {
  readonly prefix: EmojiPrefix | null;
  readonly redaction: Redaction | null;
  readonly keyLimit: number;
  /** key_value sorts its pairs by key; JSON keeps the object's order. */
  readonly sort: boolean;
  /** The encoded bytes a format writes for a (renamed) key. */
  readonly encodeKey: (key: string) => Buffer;
  /** key_value writes `service_name` at its sorted place among the keys; null when it has none. */
  readonly serviceKey: string | null;
}

/**
 * The plans of one format in one setup. A record finds its plan by comparing its keys, enumerated
 * without allocating, against the most recently used plans; only a shape not among them pays for
 * `Object.keys`, a signature string and a map lookup (or, the first time, compiling the plan).
 *
 * The comparison enumerates with `for...in`, which also yields inherited enumerable keys, so it is only
 * used for plain objects (prototype Object.prototype or null). Its one divergence from Object.keys: with
 * an enumerable property added to Object.prototype, an object lacking that own key but otherwise
 * matching a plan that has it would write the inherited value.
 */
export class FieldPlans {
  /** Set by `planFor` when it returns null: the fields could not even be enumerated (a hostile Proxy). */
  failure: string | null = null;
  /** Most recently used first. */
  private readonly recent: FieldPlan[] = [];
  private readonly bySignature = new Map<string, FieldPlan>();

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
    const signature = JSON.stringify(names);
    let plan = this.bySignature.get(signature);
    if (plan === undefined) {
      if (this.bySignature.size >= MAX_PLANS) this.bySignature.clear();
      plan = this.compile(names);
      this.bySignature.set(signature, plan);
    }
    if (recent.length === RECENT_PLANS) recent.pop();
    recent.unshift(plan);
    return plan;
  }

  private compile(names: readonly string[]): FieldPlan {
    const { prefix, redaction, keyLimit, sort, encodeKey, serviceKey } = this.options;
    const slotOf = prefix === null || prefix.slotCount === 0 ? null : prefix.slotOf;
    const slots = new Int32Array(names.length).fill(-1);
    let hasSlots = false;
    let written: string[] = [];
    let truncatedKeys = 0;
    for (let i = 0; i < names.length; i++) {
      const slot = slotOf === null ? undefined : slotOf.get(names[i]);
      if (slot !== undefined) {
        slots[i] = slot;
        hasSlots = true;
      } else if (written.length === keyLimit) {
        truncatedKeys++;
      } else {
        written.push(names[i]);
      }
    }
    if (sort) written = written.sort(compareKeys);
    const hidden = new Uint8Array(written.length);
    const nodes: (RedactNode | null)[] = [];
    for (let i = 0; i < written.length; i++) {
      const key = written[i];
      const node = redaction === null ? null : redaction.step(redaction.root, key);
      nodes.push(node);
      if (redaction?.hides(node, key)) hidden[i] = 1;
    }
    let serviceAt = written.length;
    if (serviceKey !== null) {
      const at = written.findIndex((key) => serviceKey < key);
      if (at !== -1) serviceAt = at;
    }
    return new FieldPlan(
      names,
      slots,
      hasSlots,
      written,
      written.map((key) => encodeKey(renameReservedKey(key))),
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

/** Code-unit order, as the sort the key_value line always used (Array#sort's default). */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

/** Shapes remembered per format before the table starts over (an app with endlessly varied keys). */
const MAX_PLANS = 1024;
/** Shapes compared per record before the table lookup. */
const RECENT_PLANS = 8;
