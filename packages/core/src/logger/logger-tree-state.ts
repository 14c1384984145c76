import { hostname } from 'node:os';
import { HotBytes } from '../buffer/hot-bytes.js';
import { type Mixin, resolveRecordContext } from '../context/record-context.js';
import { describeValue, invalidChoice, SluiceConfigError } from '../errors.js';
import { isDeferredEventSink } from '../event/deferred-event-sink.js';
import type { FieldSerializer } from '../fields/field-serializer.js';
import { createRecordFormat } from '../format/create-record-format.js';
import {
  DEFAULT_RECORD_KEYS,
  FORMAT_NAMES,
  type RecordFormat,
  type RecordKeys,
} from '../format/record-format.js';
import { JsonValueWriter } from '../json/json-value-writer.js';
import { LevelTable } from '../levels/levels.js';
import { rejectUnknownKeys } from '../option-keys.js';
import { Redaction, type RedactNode } from '../redact/redaction.js';
import { isRecordSink, type RecordSink } from '../sink/record-sink.js';
import { type DestinationOptions, destination } from '../sink/sonic-destination.js';
import { StreamSink, type WritableLike } from '../sink/stream-sink.js';
import { type Clock, systemClock, type TimestampMode } from '../time/timestamp.js';
import { resolveValueLimits } from '../value/value-limits.js';
import { LOGGER_OPTION_KEYS, type LoggerOptions, type TransportLink } from './logger-options.js';
import { TimeEntryWriter } from './time-entry-writer.js';

/**
 * What a logger tree (a logger and all its children) shares, resolved once from the options: the
 * format, the sink, the level table, redaction, the clock, and pre-encoded level heads.
 */
export class LoggerTreeState {
  readonly levels: LevelTable;
  readonly format: RecordFormat;
  readonly values: JsonValueWriter;
  readonly sink: RecordSink;
  readonly clock: Clock;
  readonly timestamp: TimestampMode;
  /** Writes object-API records' time entries; null without timestamps. */
  readonly timeEntry: TimeEntryWriter | null;
  readonly keys: Readonly<RecordKeys>;
  readonly redaction: Redaction | null;
  readonly redactRoot: RedactNode | null;
  /** `,"err":` (or the format's equivalent), written before an error passed as the first argument. */
  readonly errorKeyBytes: Buffer;
  readonly errorNode: RedactNode | null;
  /** Context fields for each object-API record (mixin, trace context); null for none. */
  readonly context: Mixin | null;
  /**
   * Whether a call without a message may take its fields' message-key entry as its message (see
   * messageFieldOf): not when a serializer or redaction applies to that key, which then stays a field.
   */
  readonly messageFieldTakeable: boolean;
  /**
   * Whether loggers of this tree turn object-API calls that keep repeating into deferred events (see
   * LearnedEvents): the sink formats elsewhere, and no redaction or context fields change a record in
   * ways an event's static parts would not.
   */
  readonly learnsEvents: boolean;
  /** Base fields as entries, the start of every logger's chain. */
  readonly baseBytes: Buffer;
  private readonly heads = new Map<number, Buffer>();
  /** Every level with its pre-encoded head, in level order: what each logger installs a method for. */
  readonly levelMethods: readonly {
    readonly name: string;
    readonly value: number;
    readonly head: HotBytes;
  }[];
  constructor(private readonly options: Readonly<LoggerOptions<string>>) {
    rejectUnknownKeys(options, LOGGER_OPTION_KEYS, 'createLogger options');
    this.levels = new LevelTable(options.customLevels ?? {});
    this.keys = resolveKeys(options.keys);
    const formatName = options.format ?? 'json';
    if (!FORMAT_NAMES.includes(formatName)) throw invalidChoice('format', formatName, FORMAT_NAMES);
    const timestamp = options.timestamp ?? (formatName === 'logfmt' ? 'iso' : 'epoch');
    if (timestamp !== false && timestamp !== 'epoch' && timestamp !== 'iso') {
      throw invalidChoice('timestamp', timestamp, ['epoch', 'iso', 'false (boolean)']);
    }
    this.timestamp = timestamp;
    this.redaction = options.redact === undefined ? null : new Redaction(options.redact);
    this.redactRoot = this.redaction === null ? null : this.redaction.root;
    this.values = new JsonValueWriter(
      resolveValueLimits(options.limits),
      this.redaction,
      resolveSerializers(options.serializers),
    );
    const base = resolveBase(options);
    this.format = createRecordFormat(formatName, this.keys, timestamp, this.values, Object.keys(base));
    if (options.transport !== undefined && options.destination !== undefined) {
      throw new SluiceConfigError('Pass either transport or destination, not both.');
    }
    if (options.transport !== undefined) checkTransport(options.transport);
    this.sink = options.transport?.sink ?? resolveSink(options.destination);
    this.clock = options.clock ?? options.transport?.clock ?? systemClock;
    this.timeEntry = timestamp === false ? null : new TimeEntryWriter(this.format, this.clock);
    this.errorKeyBytes = this.format.encodeKey(this.keys.error);
    this.errorNode = this.redaction === null ? null : this.redaction.step(this.redactRoot, this.keys.error);
    this.messageFieldTakeable =
      this.values.serializers?.has(this.keys.message) !== true &&
      (this.redaction === null ||
        !this.redaction.hides(this.redaction.step(this.redactRoot, this.keys.message), this.keys.message));
    this.baseBytes = this.format.encodeBase(base, this.redactRoot);
    this.context = resolveRecordContext(options.mixin, options.traceContext);
    this.learnsEvents = isDeferredEventSink(this.sink) && this.redaction === null && this.context === null;
    this.levelMethods = this.levels.names.map((name) => {
      const value = this.levels.valueOf(name)!;
      return { name, value, head: new HotBytes(this.headFor(value)) };
    });
  }

  /**
   * The state of a child with serializers of its own, which starts a tree of its own: the same sink,
   * clock and options, with the serializers merged over these (compiled once, when the child is created).
   */
  withSerializers(serializers: Readonly<Record<string, FieldSerializer>>): LoggerTreeState {
    return new LoggerTreeState({
      ...this.options,
      serializers: { ...this.options.serializers, ...serializers },
      destination: this.sink,
      transport: undefined,
      clock: this.clock,
    });
  }

  /** The pre-encoded opening of a record at this level, built once per level. */
  headFor(levelValue: number): Buffer {
    let head = this.heads.get(levelValue);
    if (head === undefined) {
      head = this.format.encodeHead(levelValue, this.levels.labelOf(levelValue));
      this.heads.set(levelValue, head);
    }
    return head;
  }
}

const RECORD_KEY_NAMES = Object.keys(DEFAULT_RECORD_KEYS);

/** A Map, so a key such as `constructor` never finds an inherited function. */
function resolveSerializers(
  serializers: LoggerOptions<string>['serializers'],
): ReadonlyMap<string, FieldSerializer> | null {
  if (serializers === undefined) return null;
  const map = new Map<string, FieldSerializer>();
  for (const [key, serializer] of Object.entries(serializers)) {
    if (typeof serializer !== 'function') {
      throw new SluiceConfigError(`Invalid serializers.${key}: ${typeof serializer}. Use a function.`);
    }
    map.set(key, serializer);
  }
  return map.size === 0 ? null : map;
}

/** A transport must be one: anything else (`{}`) would otherwise fall back to stdout unnoticed. */
function checkTransport(transport: unknown): void {
  const link = transport as Partial<TransportLink> | null;
  if (
    typeof link !== 'object' ||
    link === null ||
    !isRecordSink(link.sink) ||
    typeof link.clock?.now !== 'function'
  ) {
    throw new SluiceConfigError(
      `Invalid transport: ${describeValue(transport)}. Use the object returned by createTransport() or attachTransport() from @sluice/transport.`,
    );
  }
}

function resolveKeys(keys: Readonly<Partial<RecordKeys>> | undefined): Readonly<RecordKeys> {
  if (keys !== undefined) rejectUnknownKeys(keys, RECORD_KEY_NAMES, 'keys');
  const resolved = { ...DEFAULT_RECORD_KEYS, ...keys };
  for (const [name, value] of Object.entries(resolved)) {
    if (typeof value !== 'string' || value.length === 0) {
      throw new SluiceConfigError(`Invalid keys.${name}: ${JSON.stringify(value)}. Use a non-empty string.`);
    }
  }
  return Object.freeze(resolved);
}

function resolveBase(options: Readonly<LoggerOptions<string>>): Record<string, unknown> {
  const base: Record<string, unknown> =
    options.base === null ? {} : { ...(options.base ?? { pid: process.pid, hostname: hostname() }) };
  if (options.name !== undefined) {
    if (typeof options.name !== 'string') {
      throw new SluiceConfigError(`Invalid name: ${String(options.name)}. Use a string.`);
    }
    base.name = options.name;
  }
  return base;
}

function resolveSink(option: LoggerOptions<string>['destination']): RecordSink {
  if (option === undefined) return destination({ dest: 1, sync: true });
  if (isRecordSink(option)) return option;
  if (typeof option === 'object' && option !== null && typeof (option as WritableLike).write === 'function') {
    return new StreamSink(option as WritableLike);
  }
  if (typeof option === 'object' && option !== null)
    return destination(option as Readonly<DestinationOptions>);
  throw new SluiceConfigError(
    `Invalid destination: ${String(option)}. Use destination(...), a stream with write(), or destination options.`,
  );
}
