import { HotBytes } from '../buffer/hot-bytes.js';
import { RecordBuffer } from '../buffer/record-buffer.js';
import { RepeatedString } from '../buffer/repeated-string.js';
import type { Redaction, RedactNode } from '../redact/redaction.js';
import type { FieldEntrySink } from './field-entry-sink.js';
import type { FieldSerializer } from './field-serializer.js';
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
  /** Records whose keys ended at this step (counting on from 0 after 65,535). */
  private arrivals = 0;
  /** Whether this step's shape was compiled, or found not worth or not able to be. */
  shapeDecided = false;
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
  ) {
    this.repeatedValue = new RepeatedString();
  }

  /**
   * Counts a record whose keys ended here; true for every LEARN_EVERY-th, the ones the trie learns
   * shapes from (FieldKeyTrie.arrivedAt): a walk pays one increment, not a call, for the others.
   */
  arrive(): boolean {
    const arrivals = (this.arrivals + 1) & 0xffff;
    this.arrivals = arrivals;
    return (arrivals & (LEARN_EVERY - 1)) === 0;
  }
}

/** What a format decides about its top-level keys. */
export interface FieldKeyRules {
  /** Spells the entries: a key's opening (`,"key":` or ` key=`, renamed if reserved) is its openEntry. */
  readonly sink: FieldEntrySink;
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
  /**
   * The compiled shapes of the last two shapes of records seen, the more recent first: the guesses for
   * the next record (two, so that call sites taking turns keep theirs), checked before either is used.
   */
  private guess: FieldShape | null = null;
  private otherGuess: FieldShape | null = null;
  /** Records running that neither guess matched (more shapes than two taking turns). */
  private misses = 0;
  /**
   * Records left to write without trying the guesses (see shapeOf): the writer counts it down itself,
   * so a paused record costs a field check, not a call.
   */
  pausedFor = 0;
  /** Where a new key's opening is spelled by the sink before it is kept. */
  private readonly openingScratch = new RecordBuffer(64);

  constructor(readonly rules: FieldKeyRules) {
    this.redactRoot = rules.redaction === null ? null : rules.redaction.root;
    this.root = this.newRoot();
  }

  /** Where a record's walk starts. */
  start(): FieldKeyStep {
    if (this.steps > MAX_STEPS) {
      this.root = this.newRoot();
      this.steps = 0;
      this.guess = null;
      this.otherGuess = null;
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
   * The guessed shape that `obj` has, or null: the other guess becomes the first when it is the one.
   * When neither has matched for a while (three or more shapes taking turns would make every record
   * pay two failed matches on top of the walk), guessing pauses for a while. Throws what a Proxy's
   * traps throw.
   */
  shapeOf(obj: object): FieldShape | null {
    const guess = this.guess;
    if (guess === null) return null;
    if (guess.matches(obj)) {
      this.misses = 0;
      return guess;
    }
    const other = this.otherGuess;
    if (other?.matches(obj)) {
      this.misses = 0;
      this.otherGuess = guess;
      this.guess = other;
      return other;
    }
    if (++this.misses === MISSES_BEFORE_PAUSE) {
      this.misses = 0;
      this.pausedFor = PAUSE_RECORDS;
    }
    return null;
  }

  /**
   * Records' walks keep ending at `leaf` with every key on the path their own (called for one in
   * LEARN_EVERY, see FieldKeyStep.arrive): the path's shape is compiled the first time, and it becomes
   * the first guess for the next record.
   */
  arrivedAt(leaf: FieldKeyStep): void {
    if (!leaf.shapeDecided) {
      leaf.shapeDecided = true;
      leaf.shape = FieldShape.compile(leaf, this.rules.sink);
    }
    if (leaf.shape === null || leaf.shape === this.guess) return;
    this.otherGuess = this.guess;
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
    const { sink, redaction, serializers } = this.rules;
    let node: RedactNode | null = null;
    let hidden = false;
    if (redaction !== null) {
      node = redaction.step(this.redactRoot, key);
      hidden = redaction.hides(node, key);
    }
    const scratch = this.openingScratch;
    scratch.pos = 0;
    sink.openEntry(scratch, key, true);
    const opening = new HotBytes(Buffer.from(scratch.bytes.subarray(0, scratch.pos)));
    return new FieldKeyStep(parent, key, opening, hidden, node, serializers?.get(key) ?? null);
  }

  private newRoot(): FieldKeyStep {
    return new FieldKeyStep(null, '', new HotBytes(EMPTY), false, null, null);
  }
}

const EMPTY = Buffer.alloc(0);
/** Keys remembered before the trie starts over. */
const MAX_STEPS = 4096;
/** Children remembered per step (a step is still found by comparison first, then compiled anew). */
const MAX_CHILDREN = 16;
/**
 * One record in this many ending at a step is learned from: the step's shape is compiled at the first
 * (a call site logging often: a one-off shape never gets there) and the guesses updated at each.
 */
const LEARN_EVERY = 64;
/**
 * Misses running before guessing pauses, and for how many records: with three shapes taking turns the
 * guesses are then tried on 1 record in 9, so failed matches cost little next to the record.
 */
const MISSES_BEFORE_PAUSE = 8;
const PAUSE_RECORDS = 64;
