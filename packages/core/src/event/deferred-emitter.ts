import { compileGenerated } from '../codegen/compile-generated.js';
import { DEFAULT_LEVELS } from '../levels/levels.js';
import { flushAfterFatal } from '../sink/record-sink.js';
import type { Clock } from '../time/timestamp.js';
import {
  type BinaryFieldType,
  encodeBinaryString,
  MAX_BINARY_STRING_UNITS,
  MIN_SHARED_STRING_UNITS,
  maxBinaryBytes,
  putFloat64,
  putNumber,
  putSharedString,
  putString,
  putStringWords,
} from './binary-args.js';
import { type DeferredEventSink, isByteClock } from './deferred-event-sink.js';
import type { ReplayStep } from './event-descriptor.js';

type TextEmitter = (...args: unknown[]) => void;
type DeferredFactory = (levelValue: number, text: TextEmitter) => TextEmitter;

/** Everything the generated code reads, injected as named values; nothing from the user becomes code. */
interface DeferredDeps {
  sink: DeferredEventSink;
  clock: Clock;
  threshold: () => number;
  flushAfterFatal: typeof flushAfterFatal;
  putFloat64: typeof putFloat64;
  putNumber: typeof putNumber;
  putString: typeof putString;
  putStringWords: typeof putStringWords;
  putSharedString: typeof putSharedString;
  shareString: (s: string) => number;
}

/**
 * The deferred form of an event's level methods: each call writes `[id][time][arguments]` in binary
 * into the sink and leaves the text to the thread that formats (see EventReplayer). Arguments that do
 * not have their declared scalar type, or strings longer than MAX_BINARY_STRING_UNITS, go through the
 * text emitter instead, which writes them as the general writer would.
 *
 * A string argument that comes back the same SHARE_AFTER calls running (an enum-like value: a method, a
 * route, a component) is put in the sink's string table once and written as a 3-byte reference from
 * then on: copying it unit by unit is a large part of the call. Each string field remembers one shared
 * string and the last value it saw; a value that changes every call costs one comparison more.
 *
 * Null when compiling is refused (see compileGenerated): the event's methods then stay text. `holder`
 * is what keeps the emitters alive (the event).
 */
export function compileDeferredEmitters(
  sink: DeferredEventSink,
  clock: Clock,
  threshold: () => number,
  id: number,
  steps: readonly ReplayStep[],
  argCount: number,
  holder: object,
): { source: string; factory: DeferredFactory } | null {
  const source = deferredEmitterSource(
    id,
    steps,
    argCount,
    isByteClock(clock),
    sink.words instanceof Int32Array,
  );
  const deps: DeferredDeps = {
    sink,
    clock,
    threshold,
    flushAfterFatal,
    putFloat64,
    putNumber,
    putString,
    putStringWords,
    putSharedString,
    shareString: stringSharer(sink),
  };
  const factory = compileGenerated<DeferredFactory>(source, deps, holder);
  return factory === null ? null : { source, factory };
}

/**
 * The body of a factory whose parameters are DeferredDeps' names. Identifiers and numbers only: no
 * user text enters the code.
 */
function deferredEmitterSource(
  id: number,
  steps: readonly ReplayStep[],
  argCount: number,
  byteClock: boolean,
  words: boolean,
): string {
  const fields = steps.flatMap((step) => (step.kind === 'field' ? [step] : []));
  const params = Array.from({ length: argCount }, (_, i) => `a${i}`).join(', ');
  const guard = fields.map((field) => typeGuard(field.type, `a${field.arg}`)).join(' && ');
  const maxBytes = 4 + 8 + fields.reduce((sum, field) => sum + maxBinaryBytes(field.type), 0);
  // The id starts the payload, 8-aligned: one word store where the sink has words.
  const idStores = words
    ? `w[p >>> 2] = ${id | 0};`
    : [0, 1, 2, 3].map((k) => `d[p + ${k}] = ${(id >>> (8 * k)) & 0xff};`).join(' ');
  const writes = steps.flatMap((step) => {
    if (step.kind === 'time') {
      if (!byteClock) return ['p = putFloat64(d, p, clock.now());'];
      // After the 8-aligned header and the 4-byte id the time is 4-aligned.
      return [words ? 'clock.writeNowWords(w, p >>> 2); p += 8;' : 'p = clock.writeNow(d, p);'];
    }
    if (step.kind !== 'field') return [];
    const name = `a${step.arg}`;
    if (step.type === 'string') return [sharedOrCopied(step.arg, words)];
    if (step.type === 'number') return [`p = putNumber(d, p, ${name});`];
    return [`d[p++] = ${name} ? 1 : 0;`];
  });
  const stringArgs = new Set(fields.flatMap((field) => (field.type === 'string' ? [field.arg] : [])));
  return [
    "'use strict';",
    'const out = sink.out;',
    'const w = sink.words;',
    // Per string field, shared by every level: the shared string and its id, the last value, its run.
    ...[...stringArgs].map((k) => `let shared${k} = null, sharedId${k} = 0, seen${k} = null, run${k} = 0;`),
    'return function deferredAt(levelValue, text) {',
    `  return function (${params}) {`,
    '    if (levelValue < threshold()) return;',
    ...(guard === '' ? [] : [`    if (!(${guard})) { text(${params}); return; }`]),
    '    out.start = out.pos;',
    `    if (sink.beginEvent(levelValue, ${maxBytes})) {`,
    '      const d = out.bytes;',
    '      let p = out.pos;',
    `      ${idStores}`,
    '      p += 4;',
    ...writes.map((line) => `      ${line}`),
    '      out.pos = p;',
    '      sink.commitEvent(levelValue);',
    '    }',
    // Even when a full ring dropped the fatal record itself: what came before it is written now.
    `    if (levelValue >= ${DEFAULT_LEVELS.fatal}) flushAfterFatal(sink);`,
    '  };',
    '};',
  ].join('\n');
}

/** A string field's write: a reference when it is the field's shared string, else its units. */
function sharedOrCopied(k: number, words: boolean): string {
  return [
    `if (a${k} === shared${k}) p = putSharedString(d, p, sharedId${k});`,
    `      else { p = ${words ? `putStringWords(d, w, p, a${k})` : `putString(d, p, a${k})`};`,
    `        if (a${k} !== seen${k}) { seen${k} = a${k}; run${k} = 1; }`,
    `        else if (++run${k} === ${SHARE_AFTER} && a${k}.length >= ${MIN_SHARED_STRING_UNITS}) {`,
    `          const id = shareString(a${k}); if (id >= 0) { shared${k} = a${k}; sharedId${k} = id; } } }`,
  ].join('\n');
}

/** How many calls running a string field must carry the same value before it is shared. */
const SHARE_AFTER = 4;

/**
 * Puts strings in the sink's table, each once per event (a field whose runs go A, then B, then A again
 * registers A and B once each), and stops asking once the table is full: from then on, or for a string
 * the table never took, nothing is allocated.
 */
function stringSharer(sink: DeferredEventSink): (s: string) => number {
  const ids = new Map<string, number>();
  let full = false;
  return (s) => {
    const known = ids.get(s);
    if (known !== undefined || full) return known ?? -1;
    const id = sink.registerString(encodeBinaryString(s));
    if (id < 0) full = true;
    else ids.set(s, id);
    return id;
  };
}

function typeGuard(type: BinaryFieldType, arg: string): string {
  if (type === 'string') return `typeof ${arg} === 'string' && ${arg}.length <= ${MAX_BINARY_STRING_UNITS}`;
  if (type === 'number') return `typeof ${arg} === 'number'`;
  return `(${arg} === true || ${arg} === false)`;
}
