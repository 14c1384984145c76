/**
 * OTLP/HTTP log export target: `targets: [{ otlp: { url, protocol, ... }, level? }]`. The sink worker turns
 * each JSON record of the ring into an OTLP LogRecord, batches them and POSTs ExportLogsServiceRequests to
 * a collector (encoded by @opentelemetry/otlp-transformer), see otlp-http-destination.ts.
 */
import { SluiceConfigError } from '@sluice/core';
import { describeValue, invalidChoice, optionKeys, rejectUnknownKeys } from '@sluice/core/internal';

export type OtlpProtocol = 'http/protobuf' | 'http/json';
export const OTLP_PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json'];

/** An `otlp` target as configured. */
export interface OtlpTargetOptions {
  /** The collector's logs endpoint, e.g. 'http://127.0.0.1:4318/v1/logs' (http: or https:). */
  url: string;
  /** Defaults to 'http/protobuf'. */
  protocol?: OtlpProtocol;
  /** Extra request headers (an API key). */
  headers?: Readonly<Record<string, string>>;
  /** Resource attributes sent with every batch, e.g. `{ 'service.name': 'checkout' }`. */
  resource?: Readonly<Record<string, string | number | boolean>>;
  /** Most records in one export request. Defaults to 512. */
  maxBatchRecords?: number;
  /** Most records held while the collector is slow or down; past it the oldest are dropped. Defaults to 10000. */
  maxBufferRecords?: number;
  /** One request's time limit (then it is retried like a connection error). Defaults to 10000. */
  timeoutMs?: number;
}

/** Resolved options: plain data, so they cross to the sink worker as they are. */
export interface OtlpOptions {
  url: string;
  protocol: OtlpProtocol;
  headers: Record<string, string>;
  resource: Record<string, string | number | boolean>;
  maxBatchRecords: number;
  maxBufferRecords: number;
  timeoutMs: number;
  /** The record keys of the transport (`keys` option): which entries are the level, time and message. */
  keys: { level: string; time: string; message: string };
}

export const OTLP_DEFAULTS = Object.freeze({
  protocol: 'http/protobuf',
  maxBatchRecords: 512,
  maxBufferRecords: 10_000,
  timeoutMs: 10_000,
} as const);

const OTLP_OPTION_KEYS = optionKeys<OtlpTargetOptions>({
  url: true,
  protocol: true,
  headers: true,
  resource: true,
  maxBatchRecords: true,
  maxBufferRecords: true,
  timeoutMs: true,
});

const MAX_RECORDS = 10_000_000;

/** Checks an otlp target's options on the caller's thread; throws SluiceConfigError naming what is wrong. */
export function validateOtlpOptions(raw: unknown, at: string, keys: OtlpOptions['keys']): OtlpOptions {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SluiceConfigError(
      `Invalid ${at}: ${describeValue(raw)}. Use an object { url, protocol, headers, resource, ... }.`,
    );
  }
  const config = raw as Record<string, unknown>;
  rejectUnknownKeys(config, OTLP_OPTION_KEYS, at);
  const url = validateUrl(`${at}.url`, config.url);
  const protocol = config.protocol ?? OTLP_DEFAULTS.protocol;
  if (!OTLP_PROTOCOLS.includes(protocol as OtlpProtocol)) {
    throw invalidChoice(`${at}.protocol`, protocol, OTLP_PROTOCOLS);
  }
  const maxBatchRecords = positiveInteger(
    `${at}.maxBatchRecords`,
    config.maxBatchRecords,
    OTLP_DEFAULTS.maxBatchRecords,
  );
  const maxBufferRecords = positiveInteger(
    `${at}.maxBufferRecords`,
    config.maxBufferRecords,
    Math.max(OTLP_DEFAULTS.maxBufferRecords, maxBatchRecords),
  );
  if (maxBufferRecords < maxBatchRecords) {
    throw new SluiceConfigError(
      `Invalid ${at}.maxBufferRecords: ${maxBufferRecords}. It holds whole batches: use at least maxBatchRecords (${maxBatchRecords}).`,
    );
  }
  return {
    url: url.href,
    protocol: protocol as OtlpProtocol,
    headers: stringRecord(`${at}.headers`, config.headers),
    resource: resourceAttributes(`${at}.resource`, config.resource),
    maxBatchRecords,
    maxBufferRecords,
    timeoutMs: positiveInteger(`${at}.timeoutMs`, config.timeoutMs, OTLP_DEFAULTS.timeoutMs),
    keys,
  };
}

function validateUrl(at: string, value: unknown): URL {
  let url: URL | null = null;
  if (typeof value === 'string') {
    try {
      url = new URL(value);
    } catch {
      url = null;
    }
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new SluiceConfigError(
      `Invalid ${at}: ${describeValue(value)}. Use the collector's http: or https: logs URL, e.g. "http://127.0.0.1:4318/v1/logs".`,
    );
  }
  return url;
}

function positiveInteger(at: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_RECORDS)) {
    throw new SluiceConfigError(
      `Invalid ${at}: ${describeValue(value)}. Use an integer from 1 to ${MAX_RECORDS}.`,
    );
  }
  return value as number;
}

function plainObject(at: string, value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SluiceConfigError(`Invalid ${at}: ${describeValue(value)}. Use an object of ${what}.`);
  }
  return value as Record<string, unknown>;
}

function stringRecord(at: string, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(plainObject(at, value, 'header names and string values'))) {
    if (typeof text !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\0]/.test(text)) {
      throw new SluiceConfigError(
        `Invalid ${at}[${JSON.stringify(name)}]: ${describeValue(text)}. Use a header name and a string value without line breaks.`,
      );
    }
    headers[name] = text;
  }
  return headers;
}

function resourceAttributes(at: string, value: unknown): Record<string, string | number | boolean> {
  if (value === undefined) return {};
  const attributes: Record<string, string | number | boolean> = {};
  for (const [name, attribute] of Object.entries(plainObject(at, value, 'attribute names and values'))) {
    const type = typeof attribute;
    if (!(type === 'string' || type === 'boolean' || (type === 'number' && Number.isFinite(attribute)))) {
      throw new SluiceConfigError(
        `Invalid ${at}[${JSON.stringify(name)}]: ${describeValue(attribute)}. Use a string, a finite number or a boolean.`,
      );
    }
    attributes[name] = attribute as string | number | boolean;
  }
  return attributes;
}
