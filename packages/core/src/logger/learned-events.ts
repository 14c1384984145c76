import { compileGenerated } from '../codegen/compile-generated.js';
import type { BinaryFieldType } from '../event/binary-args.js';
import { compileEvent, isDeferredEvent } from '../event/compile-event.js';
import { compileKeysMatcher } from '../fields/field-shape.js';
import type { LoggerTreeState } from './logger-tree-state.js';

/** The types a call's values are learned as: those a deferred event writes in binary. */
type LearnedType = BinaryFieldType;

/** Writes a call's values through one level's event method; false when a value's type is not the learned one. */
type LearnedEmitter = (method: (...values: unknown[]) => void, fields: object) => boolean;

/**
 * A long-lived logger's repeated object-API calls as precompiled events. When the sink formats elsewhere
 * (a transport's ring, see DeferredEventSink), a call site that keeps logging one message with fields of
 * the same keys and scalar types (`log.info({ user, ms }, 'done')`) is turned into the event
 * `log.event('done', [['user', 'string'], ['ms', 'number']])` would be: its record goes into the ring in
 * binary and is formatted by whoever writes it out, the sink worker or this thread's own batched write,
 * instead of on the call. The output is the record the call would have written, byte for byte.
 *
 * A call goes through its message's learned event only when its fields have exactly the learned keys,
 * own and in order, and each value the learned type (a string, a number, a boolean); anything else is
 * written as any call is, reading the fields again (a getter runs twice, as when a shape guess fails).
 * What is never learned: keys a serializer applies to (it may return anything), loggers with redaction
 * or context fields (the tree decides, see LoggerTreeState.learnsEvents), messages seen fewer than
 * LEARN_AFTER times, and more than MAX_LEARNED per logger; a message that does not repeat is counted
 * among at most MAX_COUNTED, and one longer than MAX_MESSAGE_LENGTH is not (the map keeps what it counts).
 */
export class LearnedEvents {
  /** The learned call looked up last: most call sites log one message many times running. */
  private last: LearnedCall | null = null;
  /** Per message: its learned call, or how often it came while not learned (NEVER: do not try again). */
  private readonly byMessage = new Map<string, LearnedCall | number>();
  private learned = 0;

  constructor(
    private readonly tree: LoggerTreeState,
    private readonly chain: Buffer,
    private readonly threshold: () => number,
  ) {}

  /**
   * Writes `info(fields, message)` at `levelValue` through the message's learned event; false when it
   * has none or these fields do not fit it, and the caller writes the record.
   */
  write(levelValue: number, fields: object, message: string): boolean {
    let call = this.last;
    if (call === null || call.message !== message) {
      const found = this.byMessage.get(message);
      if (typeof found !== 'object') {
        this.count(message, fields, found);
        return false;
      }
      call = found;
      this.last = call;
    }
    return call.write(levelValue, fields);
  }

  private count(message: string, fields: object, seen: number | undefined): void {
    if (seen === NEVER) return;
    if (seen === undefined && (this.byMessage.size >= MAX_COUNTED || message.length > MAX_MESSAGE_LENGTH))
      return;
    const times = (seen ?? 0) + 1;
    if (times < LEARN_AFTER) {
      this.byMessage.set(message, times);
      return;
    }
    const call = this.learn(message, fields);
    if (call === null) {
      // Fields of another kind this time (an object, a serializer's key): count again from zero.
      this.byMessage.set(message, 0);
    } else if (call === NEVER) {
      this.byMessage.set(message, NEVER);
    } else {
      this.byMessage.set(message, call);
      this.last = call;
    }
  }

  /**
   * The learned call for `message` with the keys and types of `fields`; null when these fields cannot
   * be learned; NEVER when the event would not be deferred (no room left in the sink's registry, no
   * code generation), or this logger has learned its share.
   */
  private learn(message: string, fields: object): LearnedCall | null | typeof NEVER {
    if (this.learned >= MAX_LEARNED) return NEVER;
    const schema: [string, LearnedType][] = [];
    const serializers = this.tree.values.serializers;
    for (const key in fields) {
      if (!Object.hasOwn(fields, key) || serializers?.has(key) === true) return null;
      const type = learnedTypeOf((fields as Record<string, unknown>)[key]);
      if (type === null || schema.length === MAX_KEYS) return null;
      schema.push([key, type]);
    }
    if (schema.length === 0) return null;
    const keys = schema.map(([key]) => key);
    const matches = compileKeysMatcher(keys);
    const emit = compileLearnedEmitter(schema);
    if (matches === null || emit === null) return NEVER;
    let event: Readonly<Record<string, (...values: unknown[]) => void>>;
    try {
      event = compileEvent(this.tree, this.chain, this.threshold, message, schema);
    } catch {
      // Nothing here should throw (the schema is made of keys and scalar types); a log call never does.
      return NEVER;
    }
    if (!isDeferredEvent(event)) return NEVER;
    this.learned++;
    return new LearnedCall(message, matches, emit, event, this.tree);
  }
}

/** One message's learned event, with its keys' matcher and the emitter that reads and checks the values. */
class LearnedCall {
  private lastLevel = Number.NaN;
  private lastMethod: ((...values: unknown[]) => void) | null = null;

  constructor(
    readonly message: string,
    private readonly matches: (fields: object) => boolean,
    private readonly emit: LearnedEmitter,
    private readonly event: Readonly<Record<string, (...values: unknown[]) => void>>,
    private readonly tree: LoggerTreeState,
  ) {}

  write(levelValue: number, fields: object): boolean {
    if (!this.matches(fields)) return false;
    let method = this.lastMethod;
    if (levelValue !== this.lastLevel || method === null) {
      method = this.event[this.tree.levels.labelOf(levelValue)];
      this.lastLevel = levelValue;
      this.lastMethod = method;
    }
    return this.emit(method, fields);
  }
}

/** The event field type a value is learned as; null for a value a call cannot be learned with. */
function learnedTypeOf(value: unknown): LearnedType | null {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : null;
}

/**
 * The emitter for `schema`: each value read once by its key and its `typeof` checked against the
 * learned type before the event method is called. Keys reach the code as arguments, never as source.
 */
function compileLearnedEmitter(schema: readonly (readonly [string, LearnedType])[]): LearnedEmitter | null {
  const deps: Record<string, unknown> = {};
  let body = '';
  schema.forEach(([key, type], i) => {
    deps[`k${i}`] = key;
    body += `const v${i} = fields[k${i}];\nif (typeof v${i} !== ${TYPE_LITERALS[type]}) return false;\n`;
  });
  const values = schema.map((_, i) => `v${i}`).join(', ');
  return compileGenerated<LearnedEmitter>(
    `'use strict';\nreturn function emitLearned(method, fields) {\n${body}method(${values});\nreturn true;\n};`,
    deps,
  );
}

/** The source of each learned type's `typeof` result: fixed text, never a key or a value. */
const TYPE_LITERALS: Readonly<Record<LearnedType, string>> = {
  string: "'string'",
  number: "'number'",
  boolean: "'boolean'",
};

/** A message not to learn again. */
const NEVER = -1;
/** Calls of one message before it is learned: a message that repeats, not one made per call. */
const LEARN_AFTER = 16;
/** Messages one logger learns: its call sites that log often. */
const MAX_LEARNED = 32;
/** Messages one logger counts: past it, messages not yet counted are not. */
const MAX_COUNTED = 256;
/** Messages longer than this are not counted: a logger keeps at most MAX_COUNTED of them. */
const MAX_MESSAGE_LENGTH = 256;
/** Keys a learned call's fields have at most, as for a field shape. */
const MAX_KEYS = 16;
