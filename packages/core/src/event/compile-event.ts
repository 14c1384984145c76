import fastJson from 'fast-json-stringify';
import { RecordBuffer } from '../buffer/record-buffer.js';
import type { RecordFormat } from '../format/record-format.js';
import type { DefaultLevelName } from '../levels/levels.js';
import type { LoggerCore } from '../logger/logger-core.js';
import type { RedactNode } from '../redact/redaction.js';
import { unserializableMarker } from '../value/markers.js';
import { type EventField, type EventSchema, type FieldType, normalizeSchema } from './event-schema.js';

export type { EventSchema, SchemaArgs } from './event-schema.js';

/** A precompiled event: one method per level, taking the schema's values positionally. */
export type LogEvent<Args extends unknown[], CustomLevel extends string = never> = {
  readonly [L in DefaultLevelName | CustomLevel]: (...args: Args) => void;
};

/** Everything the generated code reads, injected as named values; nothing from the user becomes code. */
interface EventDeps {
  out: RecordBuffer;
  sink: LoggerCore['sink'];
  format: RecordFormat;
  clock: LoggerCore['clock'];
  chain: Buffer;
  message: Buffer | null;
  tail: Buffer;
  keys: Buffer[];
  nodes: (RedactNode | null)[];
  censored: (Buffer | null)[];
  serializers: (((value: unknown) => string) | null)[];
  threshold: () => number;
  writeSchemaValue: typeof writeSchemaValue;
  recover: typeof recover;
}

type EmitterFactory = (levelValue: number, head: Buffer) => (...args: unknown[]) => void;

/**
 * Compiles `logger.event(message, schema)`. The message, keys, bindings and level heads are encoded
 * now; the generated method for each level writes only the arguments, each through the writer its
 * declared type selects, and allocates nothing for scalar fields.
 */
export function compileEvent(
  core: LoggerCore,
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
  const deps: EventDeps = {
    out: core.sink.out,
    sink: core.sink,
    format,
    clock: core.clock,
    chain,
    message: message === undefined ? null : format.encodeMessage(message),
    tail: format.tail,
    keys: fields.map((field) => format.encodeKey(field.key)),
    nodes: fields.map((field) => (redaction === null ? null : redaction.step(core.redactRoot, field.key))),
    censored: fields.map((field) => censoredValue(core, field)),
    serializers: fields.map((field) => compileSerializer(field.type)),
    threshold,
    writeSchemaValue,
    recover,
  };
  const factory = buildEmitterFactory(fields, deps, core.timestamp !== false, format.messageFirst);
  const event: Record<string, (...args: unknown[]) => void> = {};
  for (const name of core.levels.names) {
    const value = core.levels.valueOf(name)!;
    event[name] = factory(value, core.headFor(value));
  }
  return Object.freeze(event);
}

/** Pre-encoded censor for a top-level key that redaction hides, so the argument is never read. */
function censoredValue(core: LoggerCore, field: EventField): Buffer | null {
  const redaction = core.redaction;
  if (redaction === null) return null;
  const next = redaction.step(core.redactRoot, field.key);
  if (!redaction.hides(next, field.key)) return null;
  const scratch = new RecordBuffer(64);
  core.format.writeString(scratch, redaction.censor);
  return Buffer.from(scratch.bytes.subarray(0, scratch.pos));
}

/** Object and array schemas get a fast-json-stringify serializer; scalars use sluice's own writers. */
function compileSerializer(type: FieldType): ((value: unknown) => string) | null {
  if (typeof type === 'string') return null;
  if (type.type !== 'object' && type.type !== 'array') return null;
  return fastJson(type as Parameters<typeof fastJson>[0]) as (value: unknown) => string;
}

function writeSchemaValue(
  format: RecordFormat,
  out: RecordBuffer,
  serialize: (value: unknown) => string,
  value: unknown,
  node: RedactNode | null,
): void {
  let json: string;
  try {
    json = serialize(value);
  } catch {
    // Data that does not fit its schema is still written, by the general writer.
    format.writeValue(out, value, node);
    return;
  }
  format.writeJsonText(out, json);
}

/** A writer threw (it should not): replace the partial record with a valid, marked one. */
function recover(
  format: RecordFormat,
  out: RecordBuffer,
  start: number,
  head: Buffer,
  failure: unknown,
): void {
  out.pos = start;
  out.writeBytes(head);
  format.writeMessage(out, unserializableMarker(failure));
  out.writeBytes(format.tail);
}

/** The statement that writes argument `i` of `field`. Identifiers only: no user text enters the code. */
function fieldStatement(
  field: EventField,
  i: number,
  deps: Pick<EventDeps, 'censored' | 'nodes' | 'serializers'>,
): string {
  const arg = `a${i}`;
  const key = `out.writeBytes(keys[${i}]);`;
  if (deps.censored[i] !== null) return `${key} out.writeBytes(censored[${i}]);`;
  const general = `format.writeValue(out, ${arg}, nodes[${i}]);`;
  const nestedRedaction = deps.nodes[i] !== null;
  switch (effectiveScalar(field.type)) {
    case 'string':
      return `${key} if (typeof ${arg} === 'string') format.writeString(out, ${arg}); else ${general}`;
    case 'integer':
    case 'number':
      return `${key} if (typeof ${arg} === 'number') format.writeNumber(out, ${arg}); else ${general}`;
    case 'boolean':
      return `${key} if (${arg} === true || ${arg} === false) format.writeBoolean(out, ${arg}); else ${general}`;
    case 'schema':
      if (!nestedRedaction && deps.serializers[i] !== null) {
        return `${key} writeSchemaValue(format, out, serializers[${i}], ${arg}, nodes[${i}]);`;
      }
      return `${key} ${general}`;
    default:
      return `${key} ${general}`;
  }
}

function effectiveScalar(type: FieldType): string {
  if (typeof type === 'string') return type;
  if (type.type === 'object' || type.type === 'array') return 'schema';
  return typeof type.type === 'string' ? type.type : 'any';
}

function buildEmitterFactory(
  fields: readonly EventField[],
  deps: EventDeps,
  timed: boolean,
  messageFirst: boolean,
): EmitterFactory {
  const source = emitterSource(fields, deps, timed, messageFirst);
  return new Function('deps', source)(deps) as EmitterFactory;
}

/** The generated source, separate so tests can read what user input turned into. */
export function emitterSource(
  fields: readonly EventField[],
  deps: Pick<EventDeps, 'message' | 'censored' | 'nodes' | 'serializers'>,
  timed: boolean,
  messageFirst: boolean,
): string {
  const params = fields.map((_, i) => `a${i}`).join(', ');
  const message = deps.message === null ? '' : 'out.writeBytes(message);';
  const source = [
    "'use strict';",
    'const { out, sink, format, clock, chain, message, tail, keys, nodes, censored, serializers, threshold, writeSchemaValue, recover } = deps;',
    'return function emitterAt(levelValue, head) {',
    `  return function (${params}) {`,
    '    if (levelValue < threshold()) return;',
    '    const start = out.pos;',
    '    try {',
    '      out.writeBytes(head);',
    timed ? '      format.writeTime(out, clock.now());' : '',
    messageFirst ? `      ${message}` : '',
    '      out.writeBytes(chain);',
    ...fields.map((field, i) => `      ${fieldStatement(field, i, deps)}`),
    messageFirst ? '' : `      ${message}`,
    '      out.writeBytes(tail);',
    '    } catch (failure) {',
    '      recover(format, out, start, head, failure);',
    '    }',
    '    sink.commit(levelValue);',
    `    if (levelValue >= ${FATAL}) sink.flushSync();`,
    '  };',
    '};',
  ]
    .filter((line) => line.trim().length > 0)
    .join('\n');
  return source;
}

const FATAL = 60;
