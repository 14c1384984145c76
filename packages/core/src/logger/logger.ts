import { HotBytes } from '../buffer/hot-bytes.js';
import { RECORD_ABANDONED, type RecordBuffer } from '../buffer/record-buffer.js';
import { contextFieldsOf, type Mixin } from '../context/record-context.js';
import { compileEvent, type EventSchema, type LogEvent, type SchemaArgs } from '../event/compile-event.js';
import type { FieldSerializer } from '../fields/field-serializer.js';
import {
  DEFAULT_LEVELS,
  type DefaultLevelName,
  type LevelName,
  LevelTable,
  type LevelThreshold,
  SILENT,
} from '../levels/levels.js';
import { rejectUnknownKeys } from '../option-keys.js';
import { flushAfterFatal } from '../sink/record-sink.js';
import { isErrorSafe } from '../value/is-error-safe.js';
import { unserializableMarker } from '../value/markers.js';
import { LearnedEvents } from './learned-events.js';
import { CHILD_OPTION_KEYS, type ChildOptions, type LoggerOptions } from './logger-options.js';
import { LoggerTreeState } from './logger-tree-state.js';
import {
  FIELDS_AS_GIVEN,
  MESSAGE_FIELD_TAKEN,
  type MessageFieldUse,
  messageFieldOf,
} from './message-field.js';
import { formatMessage, joinArguments } from './printf.js';

/** One log method: `info(msg, ...args)`, `info(fields, msg?, ...args)`, `info(err, msg?, ...args)`. */
export interface LogFn {
  (message: string, ...args: unknown[]): void;
  (fields: object, message?: string, ...args: unknown[]): void;
  (): void;
}

export type Logger<CustomLevel extends string = never> = LoggerApi<CustomLevel> &
  Record<DefaultLevelName | CustomLevel, LogFn>;

/** The methods every logger has besides its level methods. */
export interface LoggerApi<CustomLevel extends string = never> {
  /** The current threshold's name (the number as text if it has none); assign a name or number to change it. */
  get level(): LevelName<CustomLevel> | 'silent' | `${number}`;
  set level(level: LevelThreshold<CustomLevel>);
  /** The current threshold as a number. */
  readonly levelValue: number;
  isLevelEnabled(level: LevelName<CustomLevel> | number): boolean;
  child(
    bindings: Readonly<Record<string, unknown>>,
    options?: ChildOptions<CustomLevel>,
  ): Logger<CustomLevel>;
  /** This logger's bindings, its ancestors' included. */
  bindings(): Record<string, unknown>;
  /**
   * A precompiled event: message and keys encoded now, values passed positionally per call without
   * allocating. `schema` is an object (`{ id: 'integer' }`) or, for exact positional types, a tuple list
   * (`[['id', 'integer']] as const`).
   */
  event<const S extends EventSchema>(
    message: string | undefined,
    schema: S,
  ): LogEvent<SchemaArgs<S>, CustomLevel>;
  flush(): Promise<void>;
  flushSync(): void;
  /** Always a no-op, as in pino: `silent` is a threshold, never a level to log at. */
  silent: LogFn;
}

const NO_ARGS: readonly unknown[] = Object.freeze([]);

/** A no-op: what a disabled level's method is, so a filtered call costs one empty call. */
function noop(): void {}

/** The default levels in `tree.levelMethods` order: the getters on SluiceLogger's own prototype. */
const DEFAULT_LEVEL_ORDER = new LevelTable().names;

/** Object-API calls with fields and a message a logger makes before it starts learning events. */
const LEARN_AFTER_CALLS = 64;

/** The options of a child made without any: one object, so that call allocates none. */
const NO_CHILD_OPTIONS: ChildOptions<string> = Object.freeze({});

/** The constructor of a logger tree's loggers: SluiceLogger with that tree's level getters. */
type LoggerClass = new (
  tree: LoggerTreeState,
  chain: HotBytes,
  threshold: number,
  parent: SluiceLogger | null,
  bindings: object,
  bindingsState: BindingsState,
) => SluiceLogger;

/** Where a logger's own bindings are: in its chain, or still to be walked into a record (see child). */
type BindingsState = typeof BINDINGS_ENCODED | typeof BINDINGS_UNWRITTEN | typeof BINDINGS_WRITTEN_ONCE;
const BINDINGS_ENCODED = 0;
const BINDINGS_UNWRITTEN = 1;
const BINDINGS_WRITTEN_ONCE = 2;

class SluiceLogger {
  declare readonly silent: LogFn;
  /**
   * A true private field: what the logger shares with its tree (options, sink, caches) stays out of
   * reach of code that walks a logger's own properties, such as fastify's start-up deep copy (rfdc) of
   * its options, `loggerInstance` included, which would otherwise copy the transport's rings.
   */
  readonly #tree: LoggerTreeState;
  /**
   * Base fields and all bindings, pre-encoded in the tree's format, as every record writes them; while
   * this logger's own bindings are not encoded (bindingsState), the parent's, which they follow (see
   * writeChain).
   */
  private chainBytes: HotBytes;
  private readonly ownBindings: Readonly<Record<string, unknown>>;
  /**
   * A child made with scalar bindings (fastify's `{ reqId }`) walks them into its first record instead
   * of encoding them at child(): most such children log once or twice, and an encoding kept for later
   * costs a fresh child more than the walk. They are encoded at its second record (see writeChain).
   */
  private bindingsState: BindingsState;
  private readonly parent: SluiceLogger | null;
  private threshold: number;
  /** The index in `tree.levelMethods` of the lowest enabled level: a getter below it returns the no-op. */
  private enabledFrom: number;
  /**
   * The level methods read so far, made at a level's first read (a read cannot tell a call from a
   * detached method), so a child per request makes only those it uses: the first in `firstMethod`
   * (most children log at one level), any other in `moreMethods` by index in `tree.levelMethods`. Only
   * enabled levels' methods are kept (setting the level forgets them), so the getter returns the first
   * without reading the tree.
   */
  private firstMethod: LogFn | null = null;
  /** This logger's repeated calls as deferred events, once it has made LEARN_AFTER_CALLS (see emit). */
  private learned: LearnedEvents | null = null;
  private callsToLearn = LEARN_AFTER_CALLS;
  private firstMethodIndex = -1;
  private moreMethods: (LogFn | undefined)[] | null = null;

  constructor(
    tree: LoggerTreeState,
    chain: HotBytes,
    threshold: number,
    parent: SluiceLogger | null,
    bindings: object,
    bindingsState: BindingsState,
  ) {
    this.#tree = tree;
    this.chainBytes = chain;
    this.bindingsState = bindingsState;
    this.threshold = threshold;
    this.enabledFrom =
      parent !== null && parent.threshold === threshold
        ? parent.enabledFrom
        : firstEnabledIndex(tree, threshold);
    this.parent = parent;
    this.ownBindings = bindings as Record<string, unknown>;
  }

  /**
   * The class for the loggers of `tree`: its level methods are getters on a prototype, made once per
   * level set, instead of a closure per level in every logger. The default levels' getters are on
   * SluiceLogger's own prototype, so loggers of every tree share one shape; a tree with custom levels
   * gets a subclass of its own.
   */
  static classFor(tree: LoggerTreeState): LoggerClass {
    const names = tree.levels.names;
    if (
      names.length === DEFAULT_LEVEL_ORDER.length &&
      names.every((name, i) => name === DEFAULT_LEVEL_ORDER[i])
    ) {
      return SluiceLogger;
    }
    // An explicit constructor: the implicit one forwards `...args`, a spread on every child.
    const TreeLogger = class extends SluiceLogger {
      constructor(
        tree: LoggerTreeState,
        chain: HotBytes,
        threshold: number,
        parent: SluiceLogger | null,
        bindings: object,
        bindingsState: BindingsState,
      ) {
        super(tree, chain, threshold, parent, bindings, bindingsState);
      }
    };
    SluiceLogger.defineLevelGetters(TreeLogger.prototype, names);
    return TreeLogger;
  }

  /** A getter per level name, in `tree.levelMethods` order (by value), each reading its own index. */
  static defineLevelGetters(prototype: SluiceLogger, names: readonly string[]): void {
    names.forEach((name, index) => {
      Object.defineProperty(prototype, name, {
        get(this: SluiceLogger): LogFn {
          if (index < this.enabledFrom) return noop;
          return this.firstMethodIndex === index ? (this.firstMethod as LogFn) : this.levelMethod(index);
        },
        configurable: true,
      });
    });
  }

  get level(): string {
    return this.#tree.levels.labelOf(this.threshold);
  }

  set level(level: string | number) {
    this.threshold = this.#tree.levels.resolve(level);
    this.enabledFrom = firstEnabledIndex(this.#tree, this.threshold);
    this.firstMethod = null;
    this.firstMethodIndex = -1;
    this.moreMethods = null;
  }

  get levelValue(): number {
    return this.threshold;
  }

  isLevelEnabled(level: string | number): boolean {
    const value = typeof level === 'number' ? level : this.#tree.levels.valueOf(level);
    return value !== undefined && value !== SILENT && value >= this.threshold;
  }

  child(
    bindings: Readonly<Record<string, unknown>>,
    options: ChildOptions<string> = NO_CHILD_OPTIONS,
  ): SluiceLogger {
    if (typeof bindings !== 'object' || bindings === null) {
      throw new TypeError('child(bindings) takes an object of fields');
    }
    if (options !== NO_CHILD_OPTIONS) rejectUnknownKeys(options, CHILD_OPTION_KEYS, 'child options');
    const serializers = options.serializers;
    const sameTree = serializers === undefined;
    const tree = sameTree ? this.#tree : this.#tree.withSerializers(serializers);
    const threshold = options.level === undefined ? this.threshold : tree.levels.resolve(options.level);
    const Logger = sameTree ? (this.constructor as LoggerClass) : SluiceLogger.classFor(tree);
    // A shallow copy, for bindings() and for writing the bindings after this call returns. Reading them
    // may throw (a Proxy whose traps throw, a throwing getter): they are then encoded at once, with
    // markers where they threw, and bindings() reports the marker.
    let copy: Record<string, unknown> | null = null;
    let failure: unknown;
    try {
      copy = { ...bindings };
    } catch (error) {
      failure = error;
    }
    if (copy !== null && canWriteLater(copy, tree.values.serializers)) {
      return new Logger(tree, this.encodedChain(), threshold, this, copy, BINDINGS_UNWRITTEN);
    }
    const chain = tree.format.encodeFields(copy ?? bindings, tree.redactRoot, this.encodedChain().bytes);
    const own = copy ?? { bindings: unserializableMarker(failure) };
    return new Logger(tree, new HotBytes(chain), threshold, this, own, BINDINGS_ENCODED);
  }

  bindings(): Record<string, unknown> {
    const inherited = this.parent === null ? {} : this.parent.bindings();
    return { ...inherited, ...this.ownBindings };
  }

  event(message: string | undefined, schema: EventSchema): unknown {
    return compileEvent(this.#tree, this.encodedChain().bytes, () => this.threshold, message, schema);
  }

  flush(): Promise<void> {
    return this.#tree.sink.flush();
  }

  flushSync(): void {
    this.#tree.sink.flushSync();
  }

  /** The chain with this logger's bindings encoded into it, encoding them now if a record has not yet. */
  private encodedChain(): HotBytes {
    if (this.bindingsState !== BINDINGS_ENCODED) {
      const tree = this.#tree;
      const chain = tree.format.encodeFields(this.ownBindings, tree.redactRoot, this.chainBytes.bytes);
      this.chainBytes = new HotBytes(chain);
      this.bindingsState = BINDINGS_ENCODED;
    }
    return this.chainBytes;
  }

  /**
   * Base fields and bindings: the chain's bytes; for a child whose bindings are unencoded, at its first
   * record the parent's chain and its own bindings walked into the record, and from its second the chain
   * encoded with them (a child that logs twice is likely to log more).
   */
  private writeChain(out: RecordBuffer): void {
    if (this.bindingsState === BINDINGS_UNWRITTEN) {
      this.bindingsState = BINDINGS_WRITTEN_ONCE;
      this.chainBytes.write(out);
      const tree = this.#tree;
      tree.format.writeFields(out, this.ownBindings, tree.redactRoot);
    } else {
      this.encodedChain().write(out);
    }
  }

  /** The method for the enabled level at `index` past the first one read: this logger's own. */
  private levelMethod(index: number): LogFn {
    const level = this.#tree.levelMethods[index];
    const more = this.moreMethods;
    if (more !== null && more[index] !== undefined) return more[index];
    // A bound function: no context object of its own, unlike a closure over the logger and level.
    const method = logAtLevel.bind(this, level.value, level.head) as LogFn;
    if (this.firstMethod === null) {
      this.firstMethod = method;
      this.firstMethodIndex = index;
    } else {
      (this.moreMethods ??= new Array(this.#tree.levelMethods.length))[index] = method;
    }
    return method;
  }

  /** Sorts the call forms into fields, error and message; never throws. */
  dispatch(levelValue: number, head: HotBytes, a: unknown, b: unknown, rest: readonly unknown[]): void {
    const values = this.#tree.values;
    if (typeof a === 'string') {
      if (b === undefined && rest.length === 0) {
        this.emit(levelValue, head, null, undefined, a);
      } else if (
        rest.length === 0 &&
        typeof b === 'object' &&
        b !== null &&
        !isArraySafe(b) &&
        !hasPlaceholder(a)
      ) {
        // info(msg, fields): the provide.foundation / winston order.
        if (isErrorSafe(b)) this.emit(levelValue, head, null, b, a);
        else this.emit(levelValue, head, b, undefined, a);
      } else {
        this.emit(levelValue, head, null, undefined, formatMessage(a, withSecond(b, rest), values));
      }
    } else if (typeof a === 'object' && a !== null) {
      const message =
        typeof b === 'string' ? (rest.length === 0 ? b : formatMessage(b, rest, values)) : undefined;
      const extra =
        typeof b === 'string' || b === undefined ? message : joinArguments(withSecond(b, rest), values);
      if (isErrorSafe(a)) this.emit(levelValue, head, null, a, extra ?? errorMessage(a));
      else if (extra !== undefined) this.emit(levelValue, head, a, undefined, extra);
      else this.emitFieldsOnly(levelValue, head, a);
    } else if (a === undefined && b === undefined && rest.length === 0) {
      this.emit(levelValue, head, null, undefined, undefined);
    } else if ((a === null || a === undefined) && typeof b === 'string') {
      // info(null, msg): pino reads a null or undefined first argument as no fields, not as text.
      this.emit(levelValue, head, null, undefined, rest.length === 0 ? b : formatMessage(b, rest, values));
    } else {
      this.emit(levelValue, head, null, undefined, joinArguments([a, ...withSecond(b, rest)], values));
    }
  }

  /** `info(fields)`: a string under the message key is the record's message (see messageFieldOf). */
  private emitFieldsOnly(levelValue: number, head: HotBytes, fields: object): void {
    const tree = this.#tree;
    const found = messageFieldOf(fields, tree.keys.message, tree.messageFieldTakeable);
    if (typeof found === 'string') this.emit(levelValue, head, fields, undefined, found, MESSAGE_FIELD_TAKEN);
    else this.emit(levelValue, head, fields, undefined, undefined, found);
  }

  private emit(
    levelValue: number,
    head: HotBytes,
    fields: object | null,
    error: Error | undefined,
    message: string | undefined,
    messageField: MessageFieldUse = FIELDS_AS_GIVEN,
  ): void {
    const tree = this.#tree;
    if (
      tree.learnsEvents &&
      fields !== null &&
      message !== undefined &&
      error === undefined &&
      messageField === FIELDS_AS_GIVEN &&
      this.wroteAsLearnedEvent(levelValue, fields, message)
    ) {
      return;
    }
    const sink = tree.sink;
    const out = sink.out;
    out.start = out.pos;
    if (this.write(levelValue, head, fields, error, message, messageField)) sink.commit(levelValue);
    // Even when a full ring dropped the fatal record itself: what came before it is written now.
    if (levelValue >= DEFAULT_LEVELS.fatal) flushAfterFatal(sink);
  }

  /**
   * Writes `info(fields, message)` through the learned event of its message (which flushes after a
   * fatal record itself); false when there is none, and the caller writes the record. A logger starts
   * learning after LEARN_AFTER_CALLS such calls, so a child made per request never does.
   */
  private wroteAsLearnedEvent(levelValue: number, fields: object, message: string): boolean {
    const learned = this.learned;
    if (learned !== null) return learned.write(levelValue, fields, message);
    if (--this.callsToLearn > 0 || this.bindingsState !== BINDINGS_ENCODED) return false;
    this.learned = new LearnedEvents(this.#tree, this.chainBytes.bytes, () => this.threshold);
    return false;
  }

  /**
   * Writes the record; false when the sink dropped it (counted there). `messageField` says what became
   * of the fields' message-key entry in a call without a message argument (see messageFieldOf).
   */
  private write(
    levelValue: number,
    head: HotBytes,
    fields: object | null,
    error: Error | undefined,
    message: string | undefined,
    messageField: MessageFieldUse,
  ): boolean {
    const tree = this.#tree;
    const format = tree.format;
    const sink = tree.sink;
    const out = sink.out;
    if (!sink.begin(levelValue)) return false;
    try {
      head.write(out);
      const timeEntry = tree.timeEntry;
      if (timeEntry !== null) timeEntry.write(out);
      if (format.messageFirst && message !== undefined) format.writeMessage(out, message);
      if (this.bindingsState === BINDINGS_ENCODED) this.chainBytes.write(out);
      else this.writeChain(out);
      if (tree.context !== null) writeContextFields(tree, out, fields, levelValue);
      if (error !== undefined) {
        out.writeBytes(tree.errorKeyBytes);
        format.writeValue(out, tree.values.serializeField(tree.keys.error, error), tree.errorNode);
      }
      if (fields !== null) {
        if (messageField === FIELDS_AS_GIVEN) format.writeFields(out, fields, tree.redactRoot);
        else writeFieldsBesideMessage(tree, out, fields, messageField);
      }
      if (!format.messageFirst && message !== undefined) format.writeMessage(out, message);
      out.writeBytes(format.tail);
    } catch (failure) {
      if (failure === RECORD_ABANDONED) return false;
      // Nothing in the writers should throw; if something does, the call still leaves a valid record.
      out.pos = out.start;
      out.writeBytes(head.bytes);
      format.writeMessage(out, unserializableMarker(failure));
      out.writeBytes(format.tail);
    }
    return true;
  }
}

/** The logger's context fields (see LoggerTreeState.context); a context function that throws leaves a marker. */
function writeContextFields(
  tree: LoggerTreeState,
  out: RecordBuffer,
  fields: object | null,
  levelValue: number,
): void {
  let extra: object | null | undefined;
  try {
    extra = (tree.context as Mixin)(contextFieldsOf(fields), levelValue);
  } catch (failure) {
    extra = { mixin: unserializableMarker(failure) };
  }
  if (typeof extra === 'object' && extra !== null) tree.format.writeFields(out, extra, tree.redactRoot);
}

/** The fields of a call without a message whose message-key entry was taken or is to be renamed. */
function writeFieldsBesideMessage(
  tree: LoggerTreeState,
  out: RecordBuffer,
  fields: object,
  messageField: MessageFieldUse,
): void {
  tree.format.writeFieldsBesideMessage(out, fields, tree.redactRoot, messageField === MESSAGE_FIELD_TAKEN);
}

/**
 * Every level method: `this` is the logger, `levelValue` and `head` its level's, all bound (see
 * levelMethod). No rest parameter: it allocates an array on every call, even an empty one (32 B/call
 * measured by the bench). Only calls with printf arguments past the second pay for a copy of `arguments`.
 */
function logAtLevel(this: SluiceLogger, levelValue: number, head: HotBytes, a?: unknown, b?: unknown): void {
  // biome-ignore lint/complexity/noArguments: a rest parameter would allocate on every call (above).
  if (arguments.length > 4) this.dispatch(levelValue, head, a, b, restArguments(arguments));
  else this.dispatch(levelValue, head, a, b, NO_ARGS);
}

SluiceLogger.defineLevelGetters(SluiceLogger.prototype, DEFAULT_LEVEL_ORDER);
// Every logger's `silent`, never an own property: a threshold, not a level to log at.
(SluiceLogger.prototype as { silent: LogFn }).silent = noop;

/** The index of the lowest level at or above `threshold` (the count of levels when none is). */
function firstEnabledIndex(tree: LoggerTreeState, threshold: number): number {
  const levels = tree.levelMethods;
  let index = 0;
  while (index < levels.length && levels[index].value < threshold) index++;
  return index;
}

/** Whether a message uses printf placeholders (`100% done` does not, so its fields stay fields). */
function hasPlaceholder(message: string): boolean {
  // Most messages are literals, the same string on every call: one comparison instead of a scan.
  if (message === lastPlainMessage) return false;
  if (message.includes('%') && PLACEHOLDER.test(message)) return true;
  lastPlainMessage = message;
  return false;
}

/** The last message found to have no placeholder. */
let lastPlainMessage = '';

const PLACEHOLDER = /%[sdifjoO%]/;

/** `Array.isArray` throws on a revoked Proxy: like isErrorSafe, a throw means "no". */
function isArraySafe(value: object): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/** The printf arguments after the bound level value and head and the first two arguments. */
function restArguments(args: IArguments): unknown[] {
  const rest: unknown[] = [];
  for (let i = 4; i < args.length; i++) rest.push(args[i]);
  return rest;
}

function withSecond(b: unknown, rest: readonly unknown[]): readonly unknown[] {
  if (b === undefined && rest.length === 0) return NO_ARGS;
  return [b, ...rest];
}

function errorMessage(error: Error): string | undefined {
  try {
    const message = error.message;
    return typeof message === 'string' ? message : undefined;
  } catch (failure) {
    return unserializableMarker(failure);
  }
}

/** Creates a logger. Throws SluiceConfigError for bad options, never afterwards. */
export function createLogger<CustomLevel extends string = never>(
  options: Readonly<LoggerOptions<CustomLevel>> = {},
): Logger<CustomLevel> {
  const tree = new LoggerTreeState(options as LoggerOptions<string>);
  const threshold = tree.levels.resolve(options.level ?? 'info');
  const Logger = SluiceLogger.classFor(tree);
  return new Logger(
    tree,
    new HotBytes(tree.baseBytes),
    threshold,
    null,
    {},
    BINDINGS_ENCODED,
  ) as unknown as Logger<CustomLevel>;
}

/**
 * Whether bindings can be written after child() returns as they are now: scalars cannot change, an
 * object can; and no serializer applies, as it would run once per walk.
 */
function canWriteLater(
  copy: Record<string, unknown>,
  serializers: ReadonlyMap<string, FieldSerializer> | null,
): boolean {
  for (const key in copy) {
    const value = copy[key];
    if ((typeof value === 'object' && value !== null) || serializers?.has(key) === true) return false;
  }
  return true;
}
