import { SluiceConfigError } from '../errors.js';

/** The scalar field types: each has its own writer, no type test beyond one `typeof`. */
export type ScalarFieldType = 'string' | 'integer' | 'number' | 'boolean' | 'any';

/** A fast-json-stringify schema for a nested value (`{ type: 'object', properties: { ... } }`). */
export interface JsonSchemaField {
  type: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null' | readonly string[];
  [keyword: string]: unknown;
}

export type FieldType = ScalarFieldType | JsonSchemaField;

/** Object form (argument order is key order) or tuple-list form (exact positional types). */
export type EventSchema = Readonly<Record<string, FieldType>> | readonly (readonly [string, FieldType])[];

type ValueOfType<T> = T extends 'string'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : unknown;

/**
 * Positional argument types: exact for the tuple form. TypeScript keeps no key order for an object
 * type, so for the object form each argument is any of the schema's value types, one per key.
 */
export type SchemaArgs<S> = S extends readonly (readonly [string, FieldType])[]
  ? { -readonly [I in keyof S]: S[I] extends readonly [string, infer T] ? ValueOfType<T> : never }
  : S extends Readonly<Record<string, FieldType>>
    ? ObjectSchemaArgs<S, ValueOfType<S[keyof S]>>
    : never;

/** One `Value` per key of `S`; any number of them when the keys are not known (`Record<string, ...>`). */
type ObjectSchemaArgs<S, Value> = string extends keyof S ? Value[] : EachAs<KeysAsTuple<keyof S>, Value>;

/** A tuple as long as `T`, every element `Value` (a mapped type over a type parameter keeps tuples). */
type EachAs<T extends unknown[], Value> = { [I in keyof T]: Value };

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
type LastOfUnion<U> =
  UnionToIntersection<U extends unknown ? () => U : never> extends () => infer R ? R : never;
/** The members of a union as a tuple, in no guaranteed order: only its length is used. */
type KeysAsTuple<U, Done extends unknown[] = []> = [U] extends [never]
  ? Done
  : KeysAsTuple<Exclude<U, LastOfUnion<U>>, [LastOfUnion<U>, ...Done]>;

export interface EventField {
  readonly key: string;
  readonly type: FieldType;
}

const SCALAR_TYPES: readonly string[] = ['string', 'integer', 'number', 'boolean', 'any'];

/** Validates the schema before any code is generated from it, and lists its fields in argument order. */
export function normalizeSchema(schema: EventSchema): EventField[] {
  const entries: readonly (readonly [string, unknown])[] = Array.isArray(schema)
    ? (schema as readonly (readonly [string, unknown])[])
    : typeof schema === 'object' && schema !== null
      ? Object.entries(schema)
      : [];
  if (!Array.isArray(schema) && (typeof schema !== 'object' || schema === null)) {
    throw new SluiceConfigError(
      'Invalid event schema: use an object of field types or a list of [key, type].',
    );
  }
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') {
      throw new SluiceConfigError(`Invalid event schema entry ${index}: use [key, type].`);
    }
    const [key, type] = entry;
    if (seen.has(key))
      throw new SluiceConfigError(`Invalid event schema: key ${JSON.stringify(key)} appears twice.`);
    seen.add(key);
    if (typeof type === 'string') {
      if (!SCALAR_TYPES.includes(type)) {
        throw new SluiceConfigError(
          `Invalid type for event field ${JSON.stringify(key)}: ${JSON.stringify(type)}. Valid choices: ${SCALAR_TYPES.map((t) => JSON.stringify(t)).join(', ')}, or a JSON schema object.`,
        );
      }
      return { key, type: type as ScalarFieldType };
    }
    if (typeof type === 'object' && type !== null && 'type' in type) {
      checkJsonTypes(key, type);
      return { key, type: type as JsonSchemaField };
    }
    throw new SluiceConfigError(
      `Invalid type for event field ${JSON.stringify(key)}: use 'string', 'integer', 'number', 'boolean', 'any' or a JSON schema object with a "type".`,
    );
  });
}

const JSON_TYPES: readonly string[] = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'];

/** Rejects unknown `type` keywords in a nested schema (and its properties and items) before compiling. */
function checkJsonTypes(key: string, node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const type = (node as { type?: unknown }).type;
  for (const t of Array.isArray(type) ? type : type === undefined ? [] : [type]) {
    if (typeof t !== 'string' || !JSON_TYPES.includes(t)) {
      throw new SluiceConfigError(
        `Invalid JSON schema type in event field ${JSON.stringify(key)}: ${JSON.stringify(t)}. Valid choices: ${JSON_TYPES.map((c) => JSON.stringify(c)).join(', ')}.`,
      );
    }
  }
  const { properties, items } = node as { properties?: unknown; items?: unknown };
  if (typeof properties === 'object' && properties !== null) {
    for (const child of Object.values(properties)) checkJsonTypes(key, child);
  }
  for (const child of Array.isArray(items) ? items : [items]) checkJsonTypes(key, child);
}
