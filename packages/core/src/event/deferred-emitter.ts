import { flushAfterFatal } from '../destination/record-sink.js';
import { DEFAULT_LEVELS } from '../levels/levels.js';
import type { Clock } from '../time/timestamp.js';
import {
  type BinaryFieldType,
  MAX_BINARY_STRING_UNITS,
  maxBinaryBytes,
  putFloat64,
  putNumber,
  putString,
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
}

/**
 * The deferred form of an event's level methods: each call writes `[id][time][arguments]` in binary
 * into the sink and leaves the text to the thread that formats (see EventReplayer). Arguments that do
 * not have their declared scalar type, or strings longer than MAX_BINARY_STRING_UNITS, go through the
 * text emitter instead, which writes them as the general writer would.
 */
export function compileDeferredEmitters(
  sink: DeferredEventSink,
  clock: Clock,
  threshold: () => number,
  id: number,
  steps: readonly ReplayStep[],
  argCount: number,
): { source: string; factory: DeferredFactory } {
  const source = deferredEmitterSource(id, steps, argCount, isByteClock(clock));
  const deps: DeferredDeps = {
    sink,
    clock,
    threshold,
    flushAfterFatal,
    putFloat64,
    putNumber,
    putString,
  };
  return { source, factory: new Function('deps', source)(deps) as DeferredFactory };
}

/** Identifiers and numbers only: no user text enters the code. */
function deferredEmitterSource(
  id: number,
  steps: readonly ReplayStep[],
  argCount: number,
  byteClock: boolean,
): string {
  const fields = steps.flatMap((step) => (step.kind === 'field' ? [step] : []));
  const params = Array.from({ length: argCount }, (_, i) => `a${i}`).join(', ');
  const guard = fields.map((field) => typeGuard(field.type, `a${field.arg}`)).join(' && ');
  const maxBytes = 4 + 8 + fields.reduce((sum, field) => sum + maxBinaryBytes(field.type), 0);
  const idStores = [0, 1, 2, 3].map((k) => `d[p + ${k}] = ${(id >>> (8 * k)) & 0xff};`).join(' ');
  const writes = steps.flatMap((step) => {
    if (step.kind === 'time')
      return [byteClock ? 'p = clock.writeNow(d, p);' : 'p = putFloat64(d, p, clock.now());'];
    if (step.kind !== 'field') return [];
    const name = `a${step.arg}`;
    if (step.type === 'string') return [`p = putString(d, p, ${name});`];
    if (step.type === 'number') return [`p = putNumber(d, p, ${name});`];
    return [`d[p++] = ${name} ? 1 : 0;`];
  });
  return [
    "'use strict';",
    'const { sink, clock, threshold, flushAfterFatal, putFloat64, putNumber, putString } = deps;',
    'const out = sink.out;',
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

function typeGuard(type: BinaryFieldType, arg: string): string {
  if (type === 'string') return `typeof ${arg} === 'string' && ${arg}.length <= ${MAX_BINARY_STRING_UNITS}`;
  if (type === 'number') return `typeof ${arg} === 'number'`;
  return `(${arg} === true || ${arg} === false)`;
}
