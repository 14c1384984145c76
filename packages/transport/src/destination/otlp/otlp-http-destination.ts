import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { exitGiveUpError } from '../close-wait.js';
import { ReconnectBackoff } from '../reconnect-backoff.js';
import type { DestinationEvents, RecordDestination } from '../record-destination.js';
import { unreachableError } from '../unreachable-error.js';
import { type HeldRecord, HeldRecords } from './otlp-held-records.js';
import { type RecordOrigin, toOtlpLogRecord } from './otlp-log-record.js';
import type { OtlpOptions } from './otlp-options.js';

interface Held extends HeldRecord<ReadableLogRecord> {
  /** Its place among the records written to this target, from 1: what a flush waits for. */
  readonly seq: number;
}

/** How one export request ended. */
type Outcome =
  | { kind: 'accepted'; rejected: number; why: string }
  /** Worth retrying: the collector is down, overloaded (429) or failing (5xx), or did not answer. */
  | { kind: 'retry'; why: string; cause: Error | null }
  /** The collector refused this batch for good (another 4xx): retrying would send the same bytes. */
  | { kind: 'refused'; why: string };

/**
 * An `otlp` target in the sink worker: each record becomes an OTLP LogRecord, held in order and POSTed
 * in batches of up to `maxBatchRecords`, one request at a time, over a keep-alive connection.
 *
 * Like a syslog connection that is down, a collector that fails (no connection, a timeout, 429, 5xx)
 * does not hold the rings: its records wait here, up to `maxBufferRecords`, while the same batch is
 * retried with backoff, and flushes complete at once. Past the bound the oldest records are dropped,
 * counted in `recordsDropped` (stats().destinationDropped) and told once per outage as a warning.
 * While the collector answers, a flush completes once every earlier record is accepted (or dropped).
 */
export class OtlpHttpDestination implements RecordDestination {
  private readonly held = new HeldRecords<ReadableLogRecord>();
  private sending: Held[] | null = null;
  private written = 0;
  private readonly waiters: { seq: number; done: () => void }[] = [];
  private readonly origin: RecordOrigin;
  private readonly agent: HttpAgent;
  private readonly request: typeof httpRequest;
  private readonly contentType: string;
  private readonly serializer: typeof ProtobufLogsSerializer;
  private readonly backoff = new ReconnectBackoff();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** From a failed request until one is accepted again: onUnreachable once per outage. */
  private failing = false;
  /** Dropping for want of room has been told (once per outage). */
  private dropTold = false;
  /** A refusal (a 4xx other than 429) has been told since the last accepted batch: one warning, not one a batch. */
  private refusalTold = false;
  private givenUp = false;
  private lastError: Error | null = null;
  private closeDone: (() => void) | null = null;
  /** Ends a close that still sends after `timeoutMs`: what is left is dropped and counted. */
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  private closeTimedOut = false;
  private inFlight: ReturnType<typeof httpRequest> | null = null;
  private finished = false;
  recordsDropped = 0;

  constructor(
    private readonly options: OtlpOptions,
    private readonly events: DestinationEvents,
    private readonly onWarning: (error: Error) => void,
  ) {
    const https = options.url.startsWith('https:');
    this.agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.request = https ? httpsRequest : httpRequest;
    const json = options.protocol === 'http/json';
    this.contentType = json ? 'application/json' : 'application/x-protobuf';
    this.serializer = json ? JsonLogsSerializer : ProtobufLogsSerializer;
    this.origin = {
      resource: { attributes: { ...options.resource } } as unknown as RecordOrigin['resource'],
      instrumentationScope: { name: 'sluice' },
    };
  }

  /** Records not yet accepted while the collector answers; none while it fails (they are bounded). */
  get pendingBytes(): number {
    if (this.failing) return 0;
    let bytes = this.held.bytes;
    for (const item of this.sending ?? []) bytes += item.bytes;
    return bytes;
  }

  /** Records waiting for a collector that fails (while it answers, they are pending, not held). */
  get recordsHeld(): number {
    return this.failing ? this.held.length + (this.sending?.length ?? 0) : 0;
  }

  get idle(): boolean {
    return this.sending === null && this.retryTimer === null && this.held.length === 0;
  }

  write(bytes: Uint8Array, start: number, end: number, level: number): void {
    if (this.finished || (this.givenUp && this.failing)) {
      this.drop(
        1,
        this.finished ? 'the transport is closed' : 'the process exits while the collector is unreachable',
      );
      return;
    }
    // A view, not a copy: the bytes may be a ring's shared memory; the record built from it is the copy.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
    const record = toOtlpLogRecord(text, level, this.options.keys, this.origin, Date.now());
    this.held.push({ record, bytes: end - start, seq: ++this.written } as Held);
    const room = this.options.maxBufferRecords - (this.sending?.length ?? 0);
    if (this.held.length > room) this.dropOldest(this.held.length - room);
    if (this.held.length >= this.options.maxBatchRecords) this.sendNext();
  }

  flush(done: () => void): void {
    if (this.failing || this.finished || this.oldestUnsettled() > this.written) {
      this.settleWaiters();
      done();
      return;
    }
    this.waiters.push({ seq: this.written, done });
    this.sendNext();
  }

  /** The collector is reached by URL, not through a file: nothing to reopen after a log rotation. */
  reopen(): void {}

  giveUpIfFailing(): void {
    this.givenUp = true;
    if (!this.failing) return;
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    const records = this.held.take(this.held.length).length;
    this.recordsDropped += records;
    if (records > 0) this.events.onAbandoned?.(exitGiveUpError(records, this.lastError));
    this.events.onCountsChanged?.();
  }

  close(done: () => void): void {
    if (this.finished) {
      done();
      return;
    }
    if (this.closeDone !== null) {
      const first = this.closeDone;
      this.closeDone = () => {
        first();
        done();
      };
      return;
    }
    this.closeDone = done;
    this.closeTimer = setTimeout(() => {
      this.closeTimedOut = true;
      this.dropOldest(this.held.length, 'the transport closes and its time to send is over');
      this.inFlight?.destroy(new Error(`closing: no answer within ${this.options.timeoutMs} ms`));
    }, this.options.timeoutMs);
    if (this.retryTimer !== null) {
      // Down: one last attempt now rather than after the backoff delay; what it cannot send is dropped.
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.sending === null) this.sendNext();
  }

  /** Starts the next request when none is under way or waiting to be retried. */
  private sendNext(): void {
    if (this.sending !== null || this.retryTimer !== null || this.finished) return;
    if (this.held.length === 0) {
      if (this.closeDone !== null) this.finish();
      return;
    }
    const batch = this.held.take(this.options.maxBatchRecords) as Held[];
    this.sending = batch;
    let body: Uint8Array;
    try {
      body = this.serializer.serializeRequest(batch.map((item) => item.record)) as Uint8Array;
    } catch (error) {
      this.completed(batch, {
        kind: 'refused',
        why: `could not encode the batch: ${(error as Error).message}`,
      });
      return;
    }
    this.post(body, (outcome) => this.completed(batch, outcome));
  }

  private post(body: Uint8Array, then: (outcome: Outcome) => void): void {
    let ended = false;
    const end = (outcome: Outcome) => {
      if (ended) return;
      ended = true;
      this.inFlight = null;
      then(outcome);
    };
    const request = this.request(this.options.url, {
      method: 'POST',
      agent: this.agent,
      headers: {
        ...this.options.headers,
        'content-type': this.contentType,
        'content-length': body.length,
      },
    });
    request.setTimeout(this.options.timeoutMs, () =>
      request.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)),
    );
    request.on('error', (error) => end({ kind: 'retry', why: error.message, cause: error }));
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => end({ kind: 'retry', why: error.message, cause: error }));
      response.on('end', () => end(this.outcomeOf(response.statusCode ?? 0, Buffer.concat(chunks))));
    });
    this.inFlight = request;
    request.end(body);
  }

  private outcomeOf(status: number, body: Buffer): Outcome {
    if (status >= 200 && status < 300) {
      let rejected = 0;
      let why = '';
      try {
        const partial = this.serializer.deserializeResponse(body).partialSuccess;
        rejected = Number(partial?.rejectedLogRecords ?? 0);
        why = partial?.errorMessage ?? '';
      } catch {
        // An answer the encoder cannot read still accepted the batch: nothing said it rejected any.
      }
      return { kind: 'accepted', rejected: Number.isFinite(rejected) ? rejected : 0, why };
    }
    const why = `HTTP ${status}${body.length > 0 ? ` ${body.toString('utf8', 0, Math.min(body.length, 200))}` : ''}`;
    if (status === 429 || status >= 500) return { kind: 'retry', why, cause: null };
    return { kind: 'refused', why };
  }

  private completed(batch: Held[], outcome: Outcome): void {
    this.sending = null;
    if (outcome.kind === 'retry') {
      this.retryLater(batch, outcome);
      return;
    }
    if (outcome.kind === 'refused') {
      this.recordsDropped += batch.length;
      if (!this.refusalTold) {
        this.refusalTold = true;
        this.onWarning(
          new Error(
            `${this.name}: the collector refused ${batch.length} records: ${outcome.why}; refused batches are dropped and counted`,
          ),
        );
      }
    } else {
      this.refusalTold = false;
      if (outcome.rejected > 0) {
        this.recordsDropped += Math.min(outcome.rejected, batch.length);
        this.onWarning(
          new Error(
            `${this.name}: the collector rejected ${outcome.rejected} records${outcome.why ? `: ${outcome.why}` : ''}`,
          ),
        );
      }
      if (this.failing) {
        this.failing = false;
        this.dropTold = false;
        this.backoff.reset();
        this.events.onRecovered();
      }
    }
    this.settleWaiters();
    if (this.closeTimedOut) {
      this.dropOldest(this.held.length, 'the transport closes and its time to send is over');
    }
    this.events.onCountsChanged?.();
    this.sendNext();
  }

  /** The collector is down or failing: hold the batch again (oldest first), and retry after a delay. */
  private retryLater(batch: Held[], outcome: Extract<Outcome, { kind: 'retry' }>): void {
    this.held.putBack(batch);
    const room = this.options.maxBufferRecords;
    if (this.held.length > room) this.dropOldest(this.held.length - room);
    this.lastError = outcome.cause ?? new Error(outcome.why);
    if (!this.failing) {
      this.failing = true;
      this.events.onUnreachable(
        unreachableError(
          `${outcome.why}; holding records (up to ${this.options.maxBufferRecords}) and retrying`,
          outcome.cause,
          'EIO',
        ),
      );
    }
    if (this.closeDone !== null || this.givenUp) {
      this.dropOldest(
        this.held.length,
        `the collector is unreachable (${outcome.why}) as the transport closes`,
      );
      this.finishIfClosing();
    } else {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.sendNext();
      }, this.backoff.next());
    }
    this.settleWaiters();
    this.events.onCountsChanged?.();
  }

  /** Drops the `count` oldest records held (not the batch being sent), counted and told once per outage. */
  private dropOldest(
    count: number,
    why = `the ${this.options.maxBufferRecords}-record buffer is full`,
  ): void {
    if (count <= 0) return;
    const dropped = this.held.take(count).length;
    this.drop(dropped, why);
  }

  private drop(count: number, why: string): void {
    this.recordsDropped += count;
    if (this.dropTold) return;
    this.dropTold = true;
    this.onWarning(
      new Error(
        `${this.name}: ${why}; dropping the oldest records while the collector is slow or unreachable (counted in stats().destinationDropped)`,
      ),
    );
  }

  /** The first record not yet accepted or dropped (records settle in order, but for drops). */
  private oldestUnsettled(): number {
    if (this.sending !== null) return this.sending[0].seq;
    return (this.held.first as Held | undefined)?.seq ?? this.written + 1;
  }

  /** Completes the flushes that wait for nothing any more; all of them while the collector fails. */
  private settleWaiters(): void {
    const oldest = this.failing || this.finished ? Number.POSITIVE_INFINITY : this.oldestUnsettled();
    while (this.waiters.length > 0 && this.waiters[0].seq < oldest)
      (this.waiters.shift() as { done: () => void }).done();
  }

  private finishIfClosing(): void {
    if (this.closeDone !== null && this.sending === null) this.finish();
  }

  private finish(): void {
    this.finished = true;
    if (this.closeTimer !== null) clearTimeout(this.closeTimer);
    this.agent.destroy();
    this.settleWaiters();
    const done = this.closeDone;
    this.closeDone = null;
    done?.();
  }

  private get name(): string {
    return `otlp ${this.options.url}`;
  }
}
