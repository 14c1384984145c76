import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/**
 * An OTLP/HTTP logs receiver for the tests: a node:http server on 127.0.0.1 that decodes every export
 * request with the official OpenTelemetry protobuf definitions (opentelemetry-proto, as generated in
 * @opentelemetry/otlp-proto-exporter-base), protobuf bodies directly and JSON bodies through the same
 * message types (OTLP/JSON differs from protobuf's JSON mapping only in hex trace and span ids).
 */

const require = createRequire(import.meta.url);
const root: any = require('@opentelemetry/otlp-proto-exporter-base/build/src/generated/root.js');
const ExportLogsServiceRequest = root.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
const ExportLogsServiceResponse = root.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;

/** A decoded LogRecord, its AnyValues as plain values (kvlist as an object, array as an array). */
export interface ReceivedLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body: unknown;
  attributes: Record<string, unknown>;
  traceId: string;
  spanId: string;
  flags: number;
  resource: Record<string, unknown>;
  scope: string;
}

export class OtlpCollector {
  readonly records: ReceivedLogRecord[] = [];
  readonly contentTypes: string[] = [];
  /** Requests answered, whatever the answer. */
  requests = 0;
  /** The status of the next answers (then 200): e.g. [503, 503, 429]. */
  failWith: number[] = [];
  private server: Server | null = null;

  private constructor(public port: number) {}

  /** Listening on a free port, or (`up: false`) with a port reserved for a later `start()`. */
  static async create(up = true): Promise<OtlpCollector> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const collector = new OtlpCollector(port);
    if (up) await collector.start();
    return collector;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/v1/logs`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      this.receive(request).then(
        (status) => {
          response.statusCode = status;
          response.setHeader('content-type', 'application/x-protobuf');
          response.end(status === 200 ? ExportLogsServiceResponse.encode({}).finish() : 'unavailable');
        },
        (error: Error) => {
          response.statusCode = 400;
          response.end(`undecodable: ${error.message}`);
          this.decodeErrors.push(error);
        },
      );
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }

  readonly decodeErrors: Error[] = [];

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Liveness, not speed: waits until `count` records arrived, failing after `limitMs`. */
  async waitForRecords(count: number, limitMs = 20_000): Promise<ReceivedLogRecord[]> {
    const giveUpAt = Date.now() + limitMs;
    while (this.records.length < count) {
      if (Date.now() > giveUpAt)
        assert.fail(`${this.records.length} of ${count} OTLP records after ${limitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.records;
  }

  private async receive(request: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    this.requests++;
    const status = this.failWith.shift();
    if (status !== undefined) return status;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/v1/logs');
    const type = String(request.headers['content-type']);
    this.contentTypes.push(type);
    const body = Buffer.concat(chunks);
    const message =
      type === 'application/json'
        ? ExportLogsServiceRequest.fromObject(jsonToProtoObject(JSON.parse(body.toString('utf8'))))
        : ExportLogsServiceRequest.decode(body);
    const invalid = ExportLogsServiceRequest.verify(message);
    if (invalid !== null) throw new Error(invalid);
    for (const resourceLogs of message.resourceLogs) {
      const resource = attributesOf(resourceLogs.resource?.attributes ?? []);
      for (const scopeLogs of resourceLogs.scopeLogs) {
        for (const log of scopeLogs.logRecords) {
          this.records.push({
            timeUnixNano: String(log.timeUnixNano),
            observedTimeUnixNano: String(log.observedTimeUnixNano),
            severityNumber: log.severityNumber,
            severityText: log.severityText,
            body: log.body == null ? undefined : plainValue(log.body),
            attributes: attributesOf(log.attributes),
            traceId: Buffer.from(log.traceId ?? []).toString('hex'),
            spanId: Buffer.from(log.spanId ?? []).toString('hex'),
            flags: log.flags,
            resource,
            scope: scopeLogs.scope?.name ?? '',
          });
        }
      }
    }
    return 200;
  }
}

function attributesOf(list: any[]): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const { key, value } of list) attributes[key] = plainValue(value);
  return attributes;
}

function plainValue(value: any): unknown {
  if (value === null || value === undefined) return null;
  switch (value.value) {
    case 'stringValue':
      return value.stringValue;
    case 'boolValue':
      return value.boolValue;
    case 'intValue':
      return Number(value.intValue);
    case 'doubleValue':
      return value.doubleValue;
    case 'arrayValue':
      return (value.arrayValue.values ?? []).map(plainValue);
    case 'kvlistValue':
      return attributesOf(value.kvlistValue.values ?? []);
    case 'bytesValue':
      return Buffer.from(value.bytesValue);
    default:
      return null;
  }
}

/** OTLP/JSON (hex trace and span ids) as protobufjs's JSON mapping (base64 bytes), recursively. */
function jsonToProtoObject(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonToProtoObject);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] =
      (key === 'traceId' || key === 'spanId') && typeof field === 'string'
        ? Buffer.from(field, 'hex').toString('base64')
        : jsonToProtoObject(field);
  }
  return out;
}
