import fastJson from 'fast-json-stringify';
import { RECORD_ABANDONED, RecordBuffer } from '../buffer/record-buffer.js';
import { compileGenerated, runLibraryCodegen } from '../codegen/compile-generated.js';
import { byteStoresSource } from '../codegen/source-text.js';
import { SluiceConfigError } from '../errors.js';
import type { RecordFormat } from '../format/record-format.js';
import type { DefaultLevelName } from '../levels/levels.js';
import { DEFAULT_LEVELS } from '../levels/levels.js';
import type { RedactNode } from '../redact/redaction.js';
import { flushAfterFatal } from '../sink/record-sink.js';
import { fitsLimits } from '../value/fits-limits.js';
import { unserializableMarker } from '../value/markers.js';
import type { ValueLimits } from '../value/value-limits.js';
import type { BinaryFieldType } from './binary-args.js';
import { compileDeferredEmitters } from './deferred-emitter.js';
import { isDeferredEventSink } from './deferred-event-sink.js';
import { type EventDescriptor, encodeEventDescriptor, type ReplayStep } from './event-descriptor.js';
import type { EventHost } from './event-host.js';
import { type EventField, type EventSchema, type FieldType, normalizeSchema } from './event-schema.js';

export type { EventSchema, SchemaArgs } from './event-schema.js';

/** A precompiled event: one method per level, taking the schema's values positionally. */
export type LogEvent<Args extends unknown[], CustomLevel extends string = never> = {
  readonly [L in DefaultLevelName | CustomLevel]: (...args: Args) => void;
};

/** Everything the generated code reads, injected as named values; nothing from the user becomes code. */
interface EventDeps {
  out: RecordBuffer;
  sink: EventHost['sink'];
  format: RecordFormat;
  clock: EventHost['clock'];
  nodes: (RedactNode | null)[];
  serializers: (((value: unknown) => string) | null)[];
  limits: Readonly<ValueLimits>;
  threshold: () => number;
  writeSchemaValue: typeof writeSchemaValue;
  recover: typeof recover;
  abandoned: typeof RECORD_ABANDONED;
  flushAfterFatal: typeof flushAfterFatal;
}

/** What the generated code needs to know about each field to pick its writer. */
interface FieldPlan {
  readonly field: EventField;
  readonly key: Buffer;
  /** The pre-encoded censor when redaction hides this top-level key: the argument is never read. */
  readonly censored: Buffer | null;
  readonly nestedRedaction: boolean;
  readonly hasSerializer: boolean;
}

/**
 * A record as a sequence: static byte runs (merged, so each costs one copy), the time, and the
 * arguments. `HEAD` stands for the level's head, which differs per level method.
 */
type RecordStep = { kind: 'static'; parts: Buffer[] } | { kind: 'time' } | { kind: 'field'; index: number };

const HEAD = Buffer.alloc(0);

type EmitterFactory = (levelValue: number, head: Buffer, statics: Buffer[]) => (...args: unknown[]) => void;

/**
 * Compiles `logger.event(message, schema)`. The message, keys, bindings and level heads are encoded
 * now; the generated method for each level writes only the arguments, each through the writer its
 * declared type selects, and allocates nothing for scalar fields.
 */
export function compileEvent(
  core: EventHost,
  chain: Buffer,
  threshold: () => number,
  message: string | undefined,
  schema: EventSchema,
): Record<string, (...args: unknown[]) => void> {
  if (message !== undefined && typeof message !== 'string') {
    throw new TypeError('event(message, schema): message must be a string or undefined');
  }
  const fields = normalizeSchema(schema);
  const format = core.format;
  const redaction = core.redaction;
  const nodes = fields.map((field) =>
    redaction === null ? null : redaction.step(core.redactRoot, field.key),
  );
  const serializers = fields.map((field) => {
    try {
      return compileSerializer(field.type);
    } catch (error) {
      throw new SluiceConfigError(
        `Invalid JSON schema for event field ${JSON.stringify(field.key)}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  });
  const plans: FieldPlan[] = fields.map((field, i) => ({
    field,
    key: format.encodeKey(field.key),
    censored: censoredValue(core, field),
    nestedRedaction: nodes[i] !== null,
    hasSerializer: serializers[i] !== null,
  }));
  const steps = planRecord(plans, chain, message === undefined ? null : format.encodeMessage(message), core);
  const deps: EventDeps = {
    out: core.sink.out,
    sink: core.sink,
    format,
    clock: core.clock,
    nodes,
    serializers,
    limits: core.values.limits,
    threshold,
    writeSchemaValue,
    recover,
    abandoned: RECORD_ABANDONED,
    flushAfterFatal,
  };
  const event: Record<string, (...args: unknown[]) => void> = {};
  const source = emitterSource(plans, steps);
  const factory =
    compileGenerated<EmitterFactory>(source, deps, event) ?? interpretedEmitters(plans, steps, deps);
  for (const name of core.levels.names) {
    const value = core.levels.valueOf(name)!;
    const head = core.headFor(value);
    event[name] = factory(value, head, staticsFor(steps, head));
  }
  const deferred = deferToSink(core, threshold, plans, steps, event);
  // The generated source, readable for debugging and for tests that check no input became code.
  Object.defineProperty(event, 'source', { value: source, enumerable: false });
  Object.defineProperty(event, 'deferredSource', { value: deferred, enumerable: false });
  return Object.freeze(event);
}

/** Whether `event` writes its records in binary for the sink to format (see deferToSink). */
export function isDeferredEvent(event: object): boolean {
  return typeof Reflect.get(event, 'deferredSource') === 'string';
}

/**
 * When the sink formats elsewhere (a transport's ring) and every argument is a scalar, registers the
 * event's descriptor and replaces each level method with one that writes the arguments in binary,
 * falling back to the text method for arguments of another type. Returns the generated source, or
 * null when the event stays text.
 */
function deferToSink(
  core: EventHost,
  threshold: () => number,
  plans: readonly FieldPlan[],
  steps: readonly RecordStep[],
  event: Record<string, (...args: unknown[]) => void>,
): string | null {
  const sink = core.sink;
  if (!isDeferredEventSink(sink)) return null;
  const replaySteps = replayStepsOf(plans, steps);
  if (replaySteps === null) return null;
  const heads = new Map<number, Buffer>();
  let statics: Buffer[] = [];
  for (const name of core.levels.names) {
    const value = core.levels.valueOf(name)!;
    statics = staticsFor(steps, core.headFor(value));
    heads.set(value, statics[0]);
  }
  const descriptor: EventDescriptor = {
    format: core.format.name,
    keys: core.keys,
    timestamp: core.timestamp,
    limits: core.values.limits,
    steps: replaySteps,
    heads,
    statics: [EMPTY, ...statics.slice(1)],
  };
  const id = sink.registerEvent(encodeEventDescriptor(descriptor));
  if (id < 0) return null;
  const deferred = compileDeferredEmitters(sink, core.clock, threshold, id, replaySteps, plans.length, event);
  // Compiling refused: the registered descriptor goes unused and the methods stay text.
  if (deferred === null) return null;
  const { source, factory } = deferred;
  for (const name of core.levels.names) {
    event[name] = factory(core.levels.valueOf(name)!, event[name]);
  }
  return source;
}

/** The record's steps for replay, or null when an argument is not a scalar (it stays text). */
function replayStepsOf(plans: readonly FieldPlan[], steps: readonly RecordStep[]): ReplayStep[] | null {
  const replay: ReplayStep[] = [];
  let k = 0;
  for (const step of steps) {
    if (step.kind === 'static') replay.push({ kind: 'static', index: k++ });
    else if (step.kind === 'time') replay.push({ kind: 'time' });
    else {
      const type = binaryTypeOf(plans[step.index].field.type);
      if (type === null) return null;
      replay.push({ kind: 'field', type, arg: step.index });
    }
  }
  return replay;
}

function binaryTypeOf(type: FieldType): BinaryFieldType | null {
  switch (effectiveScalar(type)) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return null;
  }
}

const EMPTY = Buffer.alloc(0);

/** The order of a record's parts for this format, static runs merged. */
function planRecord(
  plans: readonly FieldPlan[],
  chain: Buffer,
  message: Buffer | null,
  core: EventHost,
): RecordStep[] {
  const steps: RecordStep[] = [];
  const addStatic = (bytes: Buffer) => {
    const last = steps[steps.length - 1];
    if (last !== undefined && last.kind === 'static') last.parts.push(bytes);
    else steps.push({ kind: 'static', parts: [bytes] });
  };
  addStatic(HEAD);
  if (core.timestamp !== false) steps.push({ kind: 'time' });
  if (core.format.messageFirst && message !== null) addStatic(message);
  addStatic(chain);
  plans.forEach((plan, index) => {
    addStatic(plan.key);
    if (plan.censored !== null) addStatic(plan.censored);
    else steps.push({ kind: 'field', index });
  });
  if (!core.format.messageFirst && message !== null) addStatic(message);
  addStatic(core.format.tail);
  return steps;
}

/** Each static run as one buffer, with this level's head in place of HEAD. */
function staticsFor(steps: readonly RecordStep[], head: Buffer): Buffer[] {
  const statics: Buffer[] = [];
  for (const step of steps) {
    if (step.kind === 'static')
      statics.push(Buffer.concat(step.parts.map((part) => (part === HEAD ? head : part))));
  }
  return statics;
}

/** Pre-encoded censor for a top-level key that redaction hides, so the argument is never read. */
function censoredValue(core: EventHost, field: EventField): Buffer | null {
  const redaction = core.redaction;
  if (redaction === null) return null;
  const next = redaction.step(core.redactRoot, field.key);
  if (!redaction.hides(next, field.key)) return null;
  const scratch = new RecordBuffer(64);
  core.format.writeString(scratch, redaction.censor);
  return Buffer.from(scratch.bytes.subarray(0, scratch.pos));
}

/**
 * Object and array schemas get a fast-json-stringify serializer; scalars use sluice's own writers. Where
 * code generation is forbidden, a schema field has none and takes the general writer.
 */
function compileSerializer(type: FieldType): ((value: unknown) => string) | null {
  if (typeof type === 'string') return null;
  if (type.type !== 'object' && type.type !== 'array') return null;
  return runLibraryCodegen(
    () => fastJson(type as Parameters<typeof fastJson>[0]) as (value: unknown) => string,
  );
}

/**
 * A schema field through its serializer when the value is within `limits`; otherwise, or when it does
 * not fit its schema, through the bounded general writer, which cuts and marks it as the object API
 * does (the serializer knows no limits: it would write a 3 MB string or walk a billion sparse slots).
 */
function writeSchemaValue(
  format: RecordFormat,
  out: RecordBuffer,
  serialize: (value: unknown) => string,
  value: unknown,
  node: RedactNode | null,
  limits: Readonly<ValueLimits>,
): void {
  let json: string;
  try {
    if (!fitsLimits(value, limits)) {
      format.writeValue(out, value, node);
      return;
    }
    json = serialize(value);
  } catch (failure) {
    if (failure === RECORD_ABANDONED) throw failure;
    format.writeValue(out, value, node);
    return;
  }
  format.writeJsonText(out, json);
}

/** A writer threw (it should not): replace the partial record with a valid, marked one. */
function recover(format: RecordFormat, out: RecordBuffer, head: Buffer, failure: unknown): void {
  out.pos = out.start;
  out.writeBytes(head);
  format.writeMessage(out, unserializableMarker(failure));
  out.writeBytes(format.tail);
}

/**
 * How argument `i` is written: through its declared scalar's writer when it has that type, through
 * the schema's serializer, or else through the general writer.
 */
type FieldWriter = 'string' | 'number' | 'boolean' | 'schema' | 'general';

function fieldWriterOf(plan: FieldPlan): FieldWriter {
  switch (effectiveScalar(plan.field.type)) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'schema':
      return !plan.nestedRedaction && plan.hasSerializer ? 'schema' : 'general';
    default:
      return 'general';
  }
}

/** The statement that writes argument `i`. Identifiers and indexes only: no user text enters the code. */
function fieldStatement(plan: FieldPlan, i: number): string {
  const arg = `a${i}`;
  const general = `format.writeValue(out, ${arg}, nodes[${i}]);`;
  switch (fieldWriterOf(plan)) {
    case 'string':
      return `if (typeof ${arg} === 'string') format.writeString(out, ${arg}); else ${general}`;
    case 'number':
      return `if (typeof ${arg} === 'number') format.writeNumber(out, ${arg}); else ${general}`;
    case 'boolean':
      return `if (${arg} === true || ${arg} === false) format.writeBoolean(out, ${arg}); else ${general}`;
    case 'schema':
      return `writeSchemaValue(format, out, serializers[${i}], ${arg}, nodes[${i}], limits);`;
    default:
      return general;
  }
}

/**
 * What emitterSource's code does, as a loop over the record's steps: the emitters of an event whose
 * code was not compiled (see compileGenerated). The same bytes, checks and recovery.
 */
function interpretedEmitters(
  plans: readonly FieldPlan[],
  steps: readonly RecordStep[],
  deps: EventDeps,
): EmitterFactory {
  const { out, sink, format, clock, nodes, serializers, limits, threshold } = deps;
  const writers = plans.map(fieldWriterOf);
  const writeField = (i: number, value: unknown): void => {
    const writer = writers[i];
    if (writer === 'string' && typeof value === 'string') format.writeString(out, value);
    else if (writer === 'number' && typeof value === 'number') format.writeNumber(out, value);
    else if (writer === 'boolean' && (value === true || value === false)) format.writeBoolean(out, value);
    else if (writer === 'schema') writeSchemaValue(format, out, serializers[i]!, value, nodes[i], limits);
    else format.writeValue(out, value, nodes[i]);
  };
  return (levelValue, head, statics) =>
    (...args: unknown[]) => {
      if (levelValue < threshold()) return;
      out.start = out.pos;
      let written = sink.begin(levelValue);
      if (written) {
        try {
          let k = 0;
          for (const step of steps) {
            if (step.kind === 'static') out.writeBytes(statics[k++]);
            else if (step.kind === 'time') format.writeTimeNow(out, clock);
            else writeField(step.index, args[step.index]);
          }
        } catch (failure) {
          if (failure === RECORD_ABANDONED) written = false;
          else recover(format, out, head, failure);
        }
        if (written) sink.commit(levelValue);
      }
      if (levelValue >= DEFAULT_LEVELS.fatal) flushAfterFatal(sink);
    };
}

function effectiveScalar(type: FieldType): string {
  if (typeof type === 'string') return type;
  if (type.type === 'object' || type.type === 'array') return 'schema';
  return typeof type.type === 'string' ? type.type : 'any';
}

/**
 * Copies static run `k`. Runs the same for every level and short enough are written as literal byte
 * stores (numbers only, no user text): cheaper than one `Uint8Array#set` call for a short run.
 */
function staticStatement(step: Extract<RecordStep, { kind: 'static' }>, k: number): string {
  if (step.parts.includes(HEAD)) return `out.writeBytes(s${k});`;
  const bytes = Buffer.concat(step.parts);
  if (bytes.length > INLINE_STATIC_LIMIT) return `out.writeBytes(s${k});`;
  return `{ out.ensure(${bytes.length}); const d = out.bytes, p = out.pos; ${byteStoresSource(bytes, 'd', 'p')}out.pos = p + ${bytes.length}; }`;
}

/** Longer static runs are copied with one `set` call (see RecordBuffer.writeBytes). */
const INLINE_STATIC_LIMIT = 24;

/**
 * The generated source: the body of a factory whose parameters are EventDeps' names (compileGenerated).
 * Exported so tests can read what user input turned into.
 */
export function emitterSource(plans: readonly FieldPlan[], steps: readonly RecordStep[]): string {
  const params = plans.map((_, i) => `a${i}`).join(', ');
  const staticCount = steps.filter((step) => step.kind === 'static').length;
  const staticLocals = Array.from({ length: staticCount }, (_, k) => `s${k} = statics[${k}]`).join(', ');
  let k = 0;
  const body = steps.map((step) => {
    if (step.kind === 'static') return staticStatement(step, k++);
    if (step.kind === 'time') return 'format.writeTimeNow(out, clock);';
    return fieldStatement(plans[step.index], step.index);
  });
  return [
    "'use strict';",
    'return function emitterAt(levelValue, head, statics) {',
    `  const ${staticLocals};`,
    `  return function (${params}) {`,
    '    if (levelValue < threshold()) return;',
    '    out.start = out.pos;',
    '    let written = sink.begin(levelValue);',
    '    if (written) {',
    '      try {',
    ...body.map((line) => `        ${line}`),
    '      } catch (failure) {',
    '        if (failure === abandoned) written = false;',
    '        else recover(format, out, head, failure);',
    '      }',
    '      if (written) sink.commit(levelValue);',
    '    }',
    // Even when a full ring dropped the fatal record itself: what came before it is written now.
    `    if (levelValue >= ${DEFAULT_LEVELS.fatal}) flushAfterFatal(sink);`,
    '  };',
    '};',
  ].join('\n');
}
