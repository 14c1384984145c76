import type { AnyValue, Attributes, HrTime, SpanContext } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { type JsonEntry, scanJsonEntries } from '../../render/json-entries.js';
import { levelName } from '../../render/level-name.js';
import type { OtlpOptions } from './otlp-options.js';

/** Resource and scope of every record of a target: one object each, as the encoder groups by identity. */
export type RecordOrigin = Pick<ReadableLogRecord, 'resource' | 'instrumentationScope'>;

/**
 * One record of the ring (a JSON line in pino's shape) as an OTLP LogRecord, ready for the official
 * encoder. The line's top-level entries are scanned, not parsed: only an object or array value is read
 * with JSON.parse, to become a kvlist or array AnyValue.
 */
export function toOtlpLogRecord(
  text: string,
  level: number,
  keys: OtlpOptions['keys'],
  origin: RecordOrigin,
  observedMs: number,
): ReadableLogRecord {
  const observed = hrTimeOfMs(observedMs);
  const entries = scanJsonEntries(text);
  const severity = severityOf(level);
  if (entries === null) {
    // Not a JSON object (a foreign adapter's text): kept whole as the body, and marked.
    return {
      ...origin,
      hrTime: observed,
      hrTimeObserved: observed,
      severityNumber: severity,
      severityText: levelName(level),
      body: text.replace(TRAILING_NEWLINE, ''),
      attributes: { unparsed: true },
      droppedAttributesCount: 0,
    };
  }
  const attributes: Attributes = {};
  let time: HrTime | null = null;
  let levelSeen = false;
  let body: AnyValue | undefined;
  let traceId: string | undefined;
  let spanId: string | undefined;
  let traceFlags: number | undefined;
  for (const entry of entries) {
    const key = entry.key;
    if (key === keys.level && !levelSeen) {
      levelSeen = true;
    } else if (key === keys.time && time === null) {
      time = timeOf(entry);
      if (time === null) attributes[key] = anyValueOf(entry) as Attributes[string];
    } else if (key === keys.message) {
      // The last one is the message, as JSON.parse reads it.
      if (body !== undefined) attributes[key] = body as Attributes[string];
      body = anyValueOf(entry);
    } else if (key === 'trace_id' && traceId === undefined && TRACE_ID.test(entry.json)) {
      traceId = entry.json.slice(1, -1).toLowerCase();
    } else if (key === 'span_id' && spanId === undefined && SPAN_ID.test(entry.json)) {
      spanId = entry.json.slice(1, -1).toLowerCase();
    } else if (key === 'trace_flags' && traceFlags === undefined && traceFlagsOf(entry) !== null) {
      traceFlags = traceFlagsOf(entry) as number;
    } else {
      attributes[key] = anyValueOf(entry) as Attributes[string];
    }
  }
  const spanContext: SpanContext | undefined =
    traceId !== undefined && spanId !== undefined
      ? { traceId, spanId, traceFlags: traceFlags ?? 0 }
      : undefined;
  if (spanContext === undefined) {
    // Half a context is no context: what was given stays visible as attributes.
    if (traceId !== undefined) attributes.trace_id = traceId;
    if (spanId !== undefined) attributes.span_id = spanId;
    if (traceFlags !== undefined) attributes.trace_flags = traceFlags;
  }
  return {
    ...origin,
    hrTime: time ?? observed,
    hrTimeObserved: observed,
    severityNumber: severity,
    severityText: levelName(level),
    body,
    attributes,
    droppedAttributesCount: 0,
    spanContext,
  };
}

/**
 * pino's level numbers to OpenTelemetry's severity numbers by range (a custom level between two takes
 * the lower one's): 10 trace -> 1 TRACE, 20 debug -> 5 DEBUG, 30 info -> 9 INFO, 40 warn -> 13 WARN,
 * 50 error -> 17 ERROR, 60 fatal -> 21 FATAL.
 */
export function severityOf(level: number): number {
  if (level < 20) return 1;
  if (level < 30) return 5;
  if (level < 40) return 9;
  if (level < 50) return 13;
  if (level < 60) return 17;
  return 21;
}

/** A JSON value's text as the value the encoder types: string, number, boolean, kvlist, array. */
function anyValueOf(entry: JsonEntry): AnyValue {
  const json = entry.json;
  const c = json.charCodeAt(0);
  if (c === QUOTE) return json.includes('\\') ? (JSON.parse(json) as string) : json.slice(1, -1);
  if (json === 'true') return true;
  if (json === 'false') return false;
  if (json === 'null') return null;
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    try {
      return JSON.parse(json) as AnyValue;
    } catch {
      // The entry scan bounds nested values without checking them: keep a malformed one as its text.
      return json;
    }
  }
  return Number(json);
}

/** Epoch milliseconds (timestamp 'epoch') or an ISO string (timestamp 'iso'); null for anything else. */
function timeOf(entry: JsonEntry): HrTime | null {
  const value = anyValueOf(entry);
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) && ms >= 0 ? hrTimeOfMs(ms) : null;
}

function hrTimeOfMs(ms: number): HrTime {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}

/** W3C trace flags: a number 0-255, or its two hex digits as pino's OpenTelemetry instrumentation writes it. */
function traceFlagsOf(entry: JsonEntry): number | null {
  const value = anyValueOf(entry);
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 255 ? value : null;
  if (typeof value === 'string' && /^[0-9a-fA-F]{2}$/.test(value)) return Number.parseInt(value, 16);
  return null;
}

const TRACE_ID = /^"(?!0{32})[0-9a-fA-F]{32}"$/;
const SPAN_ID = /^"(?!0{16})[0-9a-fA-F]{16}"$/;
const TRAILING_NEWLINE = /\r?\n$/;
const QUOTE = 0x22;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
