import { CompileBudget, HotBytes } from '../buffer/hot-bytes.js';
import { RepeatedString } from '../buffer/repeated-string.js';
import type { FieldSerializer } from '../json/json-value-writer.js';
import type { Redaction, RedactNode } from '../redact/redaction.js';
import { FieldShape } from './field-shape.js';

/**
 * One top-level field key, with everything about writing it that depends only on the key worked out
 * once: its encoded entry opening (`,"key":` in JSON, renamed if the record reserves it), whether
 * redaction hides its value and the redaction node below it, and its serializer.
 *
 * Steps form a trie in enumeration order (a step's children are the keys seen right after it), so the
 * step for the next key of a record shaped like the last one is found by one identity comparison with
 * `next`, not a hash lookup. Since what a step holds is a function of its key alone, a step reached by
 * any path is correct for that key: a mutated object, a Proxy or a class instance only costs a lookup
 * in `children`, never a stale decision.
 */
export class FieldKeyStep {
  /** The child taken most recently: the guess for the next record of the same shape. */
  next: FieldKeyStep | null = null;
  /** Every child, in the order first seen (null while there is none). */
  children: FieldKeyStep[] | null = null;
  /** This key's last string value, encoded: many are literals, the same on every call. */
  readonly repeatedValue: RepeatedString;
  /** Records whose keys ended at this step, counted until their shape is compiled (or can't be). */
  arrivals = 0;
  /** The compiled writer for the keys from the root to this step, once records ended here often. */
  shape: FieldShape | null = null;

  constructor(
    /** The step before this one; null for the root. */
    readonly parent: FieldKeyStep | null,
    readonly key: string,
    /** The bytes opening this key's entry, separator included. */
    readonly opening: HotBytes,
    /** Redaction replaces the value with the censor. */
    readonly hidden: boolean,
    /** The redaction node the value is written under (null when no path continues below the key). */
    readonly node: RedactNode | null,
    /** The configured serializer for this key, or null. */
    readonly serializer: FieldSerializer | null,
    budget: CompileBudget,
  ) {
    this.repeatedValue = new RepeatedString(budget);
  }
}

/** What a format decides about its top-level keys. */
export interface FieldKeyRules {
  /** The bytes opening a (not yet renamed) key's entry: `,"key":` or ` key=`. */
  readonly encodeOpening: (key: string) => Buffer;
  readonly redaction: Redaction | null;
  readonly serializers: ReadonlyMap<string, FieldSerializer> | null;
}

/**
 * The trie of top-level field keys one format has written, rooted at the record's redaction root.
 * Bounded: past MAX_STEPS keys (an app whose keys never repeat) it starts over.
 */
export class FieldKeyTrie {
  /** The redaction node top-level keys step from: the trie's decisions hold only under it. */
  readonly redactRoot: RedactNode | null;
  private root: FieldKeyStep;
  private steps = 0;
  /** Compiled key writers, renewed with the root (the old steps and their writers go with it). */
  private budget = new CompileBudget(MAX_COMPILED_KEYS);
  /** Shapes left to compile before the root is renewed. */
  private shapesLeft = MAX_SHAPES;
  /**
   * The shape of the last record's keys, if compiled: the guess for the next record, checked by
   * FieldShape.matches before it is used.
   */
  guess: FieldShape | null = null;

  constructor(private readonly rules: FieldKeyRules) {
    this.redactRoot = rules.redaction === null ? null : rules.redaction.root;
    this.root = this.newRoot();
  }

  /** Where a record's walk starts. */
  start(): FieldKeyStep {
    if (this.steps > MAX_STEPS) {
      this.budget = new CompileBudget(MAX_COMPILED_KEYS);
      this.root = this.newRoot();
      this.steps = 0;
      this.shapesLeft = MAX_SHAPES;
      this.guess = null;
    }
    return this.root;
  }

  /** The step for `key` after `parent`; one comparison when the record repeats the last one's shape. */
  stepAfter(parent: FieldKeyStep, key: string): FieldKeyStep {
    const next = parent.next;
    if (next !== null && next.key === key) return next;
    return this.findOrAdd(parent, key);
  }

  /**
   * A record's walk ended at `leaf` with every key on the path its own: past SHAPE_AFTER such records
   * the path's shape is compiled, and the shape of this record is the guess for the next one.
   */
  arrivedAt(leaf: FieldKeyStep): void {
    if (leaf.shape === null && ++leaf.arrivals === SHAPE_AFTER && this.shapesLeft > 0) {
      leaf.shape = FieldShape.compile(leaf);
      if (leaf.shape !== null) this.shapesLeft--;
    }
    this.guess = leaf.shape;
  }

  private findOrAdd(parent: FieldKeyStep, key: string): FieldKeyStep {
    let children = parent.children;
    if (children === null) {
      children = [];
      parent.children = children;
    }
    for (let i = 0; i < children.length; i++) {
      if (children[i].key === key) {
        parent.next = children[i];
        return children[i];
      }
    }
    const step = this.compile(parent, key);
    // A node that has seen many different next keys (a key-per-id object) stops remembering them: a
    // long scan would cost more than compiling the step again.
    if (children.length < MAX_CHILDREN) children.push(step);
    parent.next = step;
    this.steps++;
    return step;
  }

  private compile(parent: FieldKeyStep, key: string): FieldKeyStep {
    const { encodeOpening, redaction, serializers } = this.rules;
    let node: RedactNode | null = null;
    let hidden = false;
    if (redaction !== null) {
      node = redaction.step(this.redactRoot, key);
      hidden = redaction.hides(node, key);
    }
    const opening = new HotBytes(encodeOpening(key), this.budget);
    return new FieldKeyStep(parent, key, opening, hidden, node, serializers?.get(key) ?? null, this.budget);
  }

  private newRoot(): FieldKeyStep {
    return new FieldKeyStep(null, '', new HotBytes(EMPTY, this.budget), false, null, null, this.budget);
  }
}

const EMPTY = Buffer.alloc(0);
/** Keys remembered before the trie starts over. */
const MAX_STEPS = 4096;
/** Key openings and repeated values compiled per trie (HotBytes: only bytes written often are). */
const MAX_COMPILED_KEYS = 256;
/** Children remembered per step (a step is still found by comparison first, then compiled anew). */
const MAX_CHILDREN = 16;
/** Records ending at a step before its shape is compiled: a call site logging often, not a one-off. */
const SHAPE_AFTER = 128;
/** Shape writers compiled per trie (each a function V8 compiles and optimises). */
const MAX_SHAPES = 32;
