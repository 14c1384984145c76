import { type RecordSink, SluiceConfigError, type TransportLink } from '@sluice/core';
import { createTransport, type Transport } from '../transport.js';
import type { TransportOptions } from '../transport-options.js';
import { writePreformattedLine, writePreformattedLineBytes } from '../write-preformatted-line.js';

/**
 * Where an adapter writes: options for a transport of its own (which it starts, and closes when it
 * ends), or `{ transport }`, a running transport (or `attachTransport(handle)` on another thread) that
 * others may share: ending the adapter then flushes it but leaves it running.
 */
export type AdapterTarget = Readonly<TransportOptions> | Readonly<{ transport: TransportLink }>;

/**
 * An adapter's connection to a transport on this thread: writes pre-formatted lines into its ring and
 * knows whether ending means closing the transport or only flushing it. Used on one thread only.
 */
export class AdapterLink {
  readonly sink: RecordSink;
  /** Resolves once the transport's sink worker runs (at once for a link without `ready`). */
  readonly ready: Promise<void>;
  /** The transport this adapter started, or null when it was handed one. */
  private readonly owned: Transport | null;
  /** Set by the first `close()`; later calls return the same promise. */
  private closing: Promise<void> | null = null;

  constructor(target: AdapterTarget) {
    if (isLinkTarget(target)) {
      const link = target.transport;
      if (typeof link?.sink?.begin !== 'function') {
        throw new SluiceConfigError(
          'Invalid transport: use the object returned by createTransport() or attachTransport().',
        );
      }
      this.owned = null;
      this.sink = link.sink;
      const ready = (link as Partial<Transport>).ready;
      this.ready = ready instanceof Promise ? ready : Promise.resolve();
    } else {
      this.owned = createTransport(target);
      this.sink = this.owned.sink;
      this.ready = this.owned.ready;
    }
  }

  /** True once `close()` was called: later writes are refused. */
  get isClosed(): boolean {
    return this.closing !== null;
  }

  writeLine(line: string, level: number): boolean {
    return writePreformattedLine(this.sink, line, level);
  }

  writeLineBytes(bytes: Buffer, start: number, end: number, level: number): boolean {
    return writePreformattedLineBytes(this.sink, bytes, start, end, level);
  }

  flushSync(): void {
    this.sink.flushSync();
  }

  flush(): Promise<void> {
    return this.sink.flush();
  }

  /** Flushes; then stops the transport if this adapter started it. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.flushAndRelease();
    return this.closing;
  }

  private async flushAndRelease(): Promise<void> {
    if (this.owned === null) {
      await this.sink.flush();
      return;
    }
    // Close a transport only once its worker has said it is ready: handling that message unrefs the
    // worker, and if it arrives after close() has ref'd the worker to wait for its exit, nothing keeps
    // the event loop alive for close() to finish (transport.ts's onWorkerMessage).
    await this.owned.ready;
    await this.owned.close();
  }
}

function isLinkTarget(target: AdapterTarget): target is Readonly<{ transport: TransportLink }> {
  return typeof target === 'object' && target !== null && 'transport' in target;
}
