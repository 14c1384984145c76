import { RecordBuffer } from '../buffer/record-buffer.js';
import { compileGenerated } from '../codegen/compile-generated.js';
import { byteStoresSource } from '../codegen/source-text.js';
import { createRecordFormat } from '../format/create-record-format.js';
import type { RecordFormat } from '../format/record-format.js';
import { JsonValueWriter } from '../json/json-value-writer.js';
import { putInt32 } from '../json/write-json-number.js';
import { putPlainLatin1JsonString, writeJsonStringFromLatin1 } from '../json/write-json-string.js';
import { TimeEntryCache } from '../time/time-entry-cache.js';
import {
  getFloat64,
  getNumber,
  getString,
  INT32_NUMBER_TAG,
  isLatin1String,
  LATIN1_STRING_TAG,
  MAX_BINARY_STRING_UNITS,
  SHARED_STRING_BYTES,
  SHARED_STRING_TAG,
  STRING_HEADER_BYTES,
  sharedStringId,
  stringUnits,
} from './binary-args.js';
import type { SharedStrings } from './deferred-event-sink.js';
import type { EventDescriptor, ReplayStep } from './event-descriptor.js';

type Replay = (src: Buffer, at: number, head: Buffer, out: RecordBuffer) => void;

/**
 * Formats a deferred event's binary records on the thread that writes them: the descriptor's static
 * runs in order, with the time and each argument written by the same format writers, with the same
 * limits, as the caller's thread would have used. The output is byte-for-byte that text.
 *
 * The steps are compiled once into straight-line code (indexes, identifiers and byte values only:
 * nothing from the descriptor's text becomes code). The code makes room for the record's worst case
 * once, then writes through a local position: static runs, the time entry (cached per millisecond),
 * and, in JSON, int32 numbers, booleans and plain ASCII strings (copied straight from the ring's bytes).
 * Anything else (a float, a string that needs escaping, every field of another format) goes through
 * the format's own writer, which makes its own room. Keeping the common case to inline reads and a few
 * small helpers lets V8 inline all of it: the same steps as calls through `out` cost much more.
 *
 * A string argument written as a reference to the sink's string table (see binary-args.ts) is encoded
 * once per field and id, and copied from then on.
 */
export class EventReplayer {
  private readonly heads: ReadonlyMap<number, Buffer>;
  private readonly run: Replay;

  constructor(descriptor: EventDescriptor, strings: SharedStrings) {
    // Only scalar arguments are deferred, and censored fields are static runs: the writers used here
    // never consult redaction or serializers.
    const values = new JsonValueWriter(descriptor.limits, null, null);
    // Keys arrive encoded (renamed where reserved) in the descriptor's static runs: no base keys needed.
    const format = createRecordFormat(descriptor.format, descriptor.keys, descriptor.timestamp, values, []);
    this.heads = descriptor.heads;
    const json = descriptor.format === 'json';
    // Both formats write their time as `writeTimeNow` does: the entry `writeTime` encodes, per millisecond.
    const times = new TimeEntryCache((out, ms) => format.writeTime(out, ms));
    const tableCursor = new Int32Array(1);
    const readString = (src: Buffer, cursor: Int32Array) => {
      const p = cursor[0];
      if (src[p] !== SHARED_STRING_TAG) return getString(src, cursor);
      cursor[0] = p + SHARED_STRING_BYTES;
      tableCursor[0] = 0;
      return getString(strings.binary(sharedStringId(src, p)), tableCursor);
    };
    const writeString = json
      ? jsonStringWriter(format, descriptor.limits.stringLength)
      : (src: Buffer, cursor: Int32Array, out: RecordBuffer) =>
          format.writeString(out, readString(src, cursor));
    const sharedIds = new Int32Array(descriptor.steps.length).fill(-1);
    const sharedTexts = new Array<Buffer>(descriptor.steps.length).fill(EMPTY);
    const deps: ReplayDeps = {
      format,
      statics: descriptor.statics,
      room: worstCaseBytes(descriptor, json),
      timeEntry: (ms) => times.entryFor(ms),
      cursor: new Int32Array(1),
      plainUnits: Math.min(descriptor.limits.stringLength, MAX_BINARY_STRING_UNITS),
      getFloat64,
      getNumber,
      putBytes,
      putInt32,
      putPlainLatin1JsonString,
      writeString,
      sharedIds,
      sharedTexts,
      sharedText: sharedTextEncoder(strings, writeString, sharedIds, sharedTexts),
    };
    this.run =
      compileGenerated<Replay>(replaySource(descriptor.steps, descriptor.statics, json), deps, this) ??
      interpretedReplay(descriptor.steps, deps, json);
  }

  /**
   * Appends the text of the record whose arguments start at `src[at]` (after the event id). Returns
   * false, writing nothing, when the event was not compiled for `level`.
   */
  replay(src: Buffer, at: number, level: number, out: RecordBuffer): boolean {
    const head = this.heads.get(level);
    if (head === undefined) return false;
    this.run(src, at, head, out);
    return true;
  }
}

interface ReplayDeps {
  format: RecordFormat;
  statics: readonly Buffer[];
  /** Bytes made free before a record: its worst case on the fast paths (see `worstCaseBytes`). */
  room: number;
  timeEntry: (ms: number) => Buffer;
  cursor: Int32Array;
  /** Latin-1 strings up to this many units may take the plain-ASCII path. */
  plainUnits: number;
  getFloat64: typeof getFloat64;
  getNumber: typeof getNumber;
  putBytes: typeof putBytes;
  putInt32: typeof putInt32;
  putPlainLatin1JsonString: typeof putPlainLatin1JsonString;
  writeString: StringWriter;
  /** Per step: the shared string id last seen there, and its text in this event's format. */
  sharedIds: Int32Array;
  sharedTexts: Buffer[];
  /** Encodes shared string `id` for step `k` and caches it there. */
  sharedText: (k: number, id: number) => Buffer;
}

type StringWriter = (src: Buffer, cursor: Int32Array, out: RecordBuffer) => void;

const EMPTY = Buffer.alloc(0);

/**
 * The text of a shared string, as `writeString` writes it from the table's binary form: what the same
 * string written in full would have become. Throws (the record becomes a marked one) for an id the
 * table does not hold.
 */
function sharedTextEncoder(
  strings: SharedStrings,
  writeString: StringWriter,
  sharedIds: Int32Array,
  sharedTexts: Buffer[],
): (k: number, id: number) => Buffer {
  const scratch = new RecordBuffer(1024);
  const cursor = new Int32Array(1);
  return (k, id) => {
    cursor[0] = 0;
    scratch.pos = 0;
    writeString(strings.binary(id), cursor, scratch);
    const text = Buffer.from(scratch.bytes.subarray(0, scratch.pos));
    sharedIds[k] = id;
    sharedTexts[k] = text;
    return text;
  };
}

/**
 * The code of one event's replay: the body of a factory whose parameters are ReplayDeps' names (see
 * compileGenerated). `dst`/`p` are the output and position, `q` the position in `src`.
 * A step that falls back to a format writer hands the position to `out` and takes it back (the writer
 * may have grown the buffer), then makes the worst case of what is left free again.
 *
 * Static runs up to INLINE_RUN_BYTES, and JSON's `true`/`false`, become stores of byte values: numbers
 * this function formats from the bytes, never text, so the codegen stays data-free. They beat a copy
 * loop or `set` by half, and they spend none of V8's inlining budget, which the helpers need.
 */
function replaySource(steps: readonly ReplayStep[], statics: readonly Buffer[], json: boolean): string {
  const viaOut = (write: string) =>
    `out.pos = p; cursor[0] = q; ${write} q = cursor[0]; p = out.pos; out.ensure(room); dst = out.bytes;`;
  const statements = steps.map((step, k) => {
    if (step.kind === 'static') {
      if (step.index === 0) return 'p = putBytes(dst, p, head);';
      const run = statics[step.index];
      return run.length <= INLINE_RUN_BYTES
        ? storeBytes(run)
        : `dst.set(s${step.index}, p); p += ${run.length};`;
    }
    if (step.kind === 'time') {
      return [
        '{ const time = timeEntry(getFloat64(src, q)); q += 8;',
        `  if (time.length > ${TIME_ROOM}) { out.pos = p; out.ensure(time.length + room); dst = out.bytes; }`,
        '  p = putBytes(dst, p, time); }',
      ].join('\n');
    }
    if (!json) {
      if (step.type === 'string') return viaOut('writeString(src, cursor, out);');
      if (step.type === 'number') return viaOut('format.writeNumber(out, getNumber(src, cursor));');
      return viaOut('format.writeBoolean(out, src[cursor[0]++] === 1);');
    }
    if (step.type === 'string') {
      return [
        `if (src[q] === ${SHARED_STRING_TAG}) {`,
        `  const id = src[q + 1] | (src[q + 2] << 8); q += ${SHARED_STRING_BYTES};`,
        `  const text = sharedIds[${k}] === id ? sharedTexts[${k}] : sharedText(${k}, id);`,
        `  if (text.length > ${STRING_ROOM}) { out.pos = p; out.ensure(text.length + room); dst = out.bytes; }`,
        '  p = putBytes(dst, p, text);',
        '} else { const units = src[q + 1] | (src[q + 2] << 8);',
        `  const end = src[q] === ${LATIN1_STRING_TAG} && units <= plainUnits`,
        `    ? putPlainLatin1JsonString(dst, p, src, q + ${STRING_HEADER_BYTES}, units) : -1;`,
        `  if (end >= 0) { p = end; q += ${STRING_HEADER_BYTES} + units; }`,
        `  else { ${viaOut('writeString(src, cursor, out);')} } }`,
      ].join('\n');
    }
    if (step.type === 'number') {
      return [
        `if (src[q] === ${INT32_NUMBER_TAG}) {`,
        '  p = putInt32(dst, p, src[q + 1] | (src[q + 2] << 8) | (src[q + 3] << 16) | (src[q + 4] << 24)); q += 5;',
        `} else { ${viaOut('format.writeNumber(out, getNumber(src, cursor));')} }`,
      ].join('\n');
    }
    return `if (src[q++] === 1) { ${storeBytes(TRUE)} } else { ${storeBytes(FALSE)} }`;
  });
  const setIndexes = steps.flatMap((step) =>
    step.kind === 'static' && step.index > 0 && statics[step.index].length > INLINE_RUN_BYTES
      ? [step.index]
      : [],
  );
  return [
    "'use strict';",
    ...setIndexes.map((k) => `const s${k} = statics[${k}];`),
    'return function replay(src, at, head, out) {',
    '  out.ensure(room);',
    '  let dst = out.bytes;',
    '  let p = out.pos;',
    '  let q = at;',
    ...statements.map((line) => `  ${line}`),
    '  out.pos = p;',
    '};',
  ].join('\n');
}

/** Statements that store `run`'s bytes at `dst[p]` and move `p` past them. */
function storeBytes(run: Uint8Array): string {
  return `${byteStoresSource(run, 'dst', 'p')}p += ${run.length};`;
}

/**
 * What replaySource's code does, step by step through the format's writers: the replay of an event
 * whose code was not compiled (see compileGenerated). The fast paths it leaves out (inline stores,
 * plain Latin-1 strings, int32 numbers) write the same bytes as the writers.
 */
function interpretedReplay(steps: readonly ReplayStep[], deps: ReplayDeps, json: boolean): Replay {
  const { format, statics, timeEntry, cursor, getFloat64, getNumber, writeString } = deps;
  const { sharedIds, sharedTexts, sharedText } = deps;
  return (src, at, head, out) => {
    cursor[0] = at;
    for (let k = 0; k < steps.length; k++) {
      const step = steps[k];
      if (step.kind === 'static') {
        out.writeBytes(step.index === 0 ? head : statics[step.index]);
      } else if (step.kind === 'time') {
        out.writeBytes(timeEntry(getFloat64(src, cursor[0])));
        cursor[0] += 8;
      } else if (step.type === 'string') {
        const q = cursor[0];
        if (json && src[q] === SHARED_STRING_TAG) {
          const id = src[q + 1] | (src[q + 2] << 8);
          cursor[0] = q + SHARED_STRING_BYTES;
          out.writeBytes(sharedIds[k] === id ? sharedTexts[k] : sharedText(k, id));
        } else {
          writeString(src, cursor, out);
        }
      } else if (step.type === 'number') {
        format.writeNumber(out, getNumber(src, cursor));
      } else {
        format.writeBoolean(out, src[cursor[0]++] === 1);
      }
    }
  };
}

/** Longer static runs are copied with `set`, whose fixed cost is then the smaller one. */
const INLINE_RUN_BYTES = 64;

/**
 * What a record of this event can take on the paths that do not make room themselves: the longest
 * head, every static run, a time entry of up to TIME_ROOM bytes (a longer one makes its own room), and
 * each JSON field's fast case: an int32 (11 bytes), a boolean (5), a plain string (its units and quotes).
 */
function worstCaseBytes(descriptor: EventDescriptor, json: boolean): number {
  let bytes = TIME_ROOM;
  let head = 0;
  for (const run of descriptor.heads.values()) head = Math.max(head, run.length);
  bytes += head;
  for (const run of descriptor.statics) bytes += run.length;
  if (!json) return bytes;
  for (const step of descriptor.steps) {
    if (step.kind !== 'field') continue;
    if (step.type === 'string') bytes += STRING_ROOM;
    else bytes += step.type === 'number' ? 11 : 5;
  }
  return bytes;
}

/** Room kept for a JSON string: a plain one of up to MAX_BINARY_STRING_UNITS units and its quotes. */
const STRING_ROOM = MAX_BINARY_STRING_UNITS + 2;

/** Room kept for the time entry; `,"time":"+275760-09-13T00:00:00.000Z"` with a long key still fits. */
const TIME_ROOM = 96;

/** Copies a run whose length varies (a level's head, the time entry); the room is made. */
function putBytes(dst: Buffer, p: number, run: Buffer): number {
  const n = run.length;
  if (n <= SHORT_RUN) {
    for (let i = 0; i < n; i++) dst[p + i] = run[i];
  } else {
    dst.set(run, p);
  }
  return p + n;
}

/** Below this length a loop beats `set`'s call (see RecordBuffer.writeBytes). */
const SHORT_RUN = 16;

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

/** JSON strings: Latin-1 bytes within the length limit are escaped in place; others are decoded first. */
function jsonStringWriter(
  format: RecordFormat,
  stringLength: number,
): (src: Buffer, cursor: Int32Array, out: RecordBuffer) => void {
  return (src, cursor, out) => {
    const p = cursor[0];
    const units = stringUnits(src, p);
    if (isLatin1String(src, p) && units <= stringLength) {
      writeJsonStringFromLatin1(out, src, p + STRING_HEADER_BYTES, units);
      cursor[0] = p + STRING_HEADER_BYTES + units;
    } else {
      format.writeString(out, getString(src, cursor));
    }
  };
}
