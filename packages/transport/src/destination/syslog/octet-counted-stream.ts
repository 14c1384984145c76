import type { Socket } from 'node:net';
import { CloseWait, exitGiveUpError } from '../close-wait.js';
import { ReconnectBackoff } from '../reconnect-backoff.js';
import type { DestinationEvents, RecordDestination } from '../record-destination.js';
import { causeText, unreachableError } from '../unreachable-error.js';
import { CompletionOrder } from './completion-order.js';
import { DROP_NOTICE_LEVEL, DroppedRecords, dropNotice } from './dropped-records.js';
import { frameLength, writeFrame } from './octet-counting.js';
import { Rfc5424Encoder } from './rfc5424-encoder.js';
import type { SyslogOptions } from './syslog-options.js';

/** Framed messages written together, with how many records they hold (to count them if dropped). */
interface Chunk {
  bytes: Buffer;
  records: number;
  /** Completed (written, or held again after its connection closed): later callbacks are ignored. */
  settled: boolean;
}

/**
 * Syslog over a stream socket (TCP or unix) with RFC 6587 octet counting. Owned by the sink worker's
 * thread. Records are framed into 64 KiB chunks written with one `socket.write` each. While the
 * connection is down (or not up yet) chunks are held, up to `bufferBytes`, and the connection is retried
 * with backoff; see syslog-options.ts for the buffer and drop rules. close() keeps trying for
 * `closeTimeoutMs` to deliver what is held, then drops it and reports that once (`onAbandoned`).
 */
export class OctetCountedStream implements RecordDestination {
  private readonly encoder: Rfc5424Encoder;
  private scratch: Buffer;
  private batch = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  private batchPos = 0;
  private batchRecords = 0;

  /** Chunks taken while disconnected, oldest first, at most `bufferBytes` (with the batch). */
  private readonly held: Chunk[] = [];
  private heldBytes = 0;
  /** Chunks whose write failed when their connection closed: sent first once reconnected. */
  private readonly retry: Chunk[] = [];
  private readonly inFlight: Chunk[] = [];
  private inFlightBytes = 0;
  private readonly writes = new CompletionOrder();

  private socket: Socket | null = null;
  private connected = false;
  private lastError: Error | null = null;
  /** True from a failed connection until one succeeds again: onUnreachable once per outage. */
  private failing = false;
  private readonly backoff = new ReconnectBackoff();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closeDone: (() => void) | null = null;
  private readonly closeWait: CloseWait;
  private finished = false;
  /** The process exits: nothing more is held for a server that is down (see giveUpIfFailing). */
  private exiting = false;
  readonly dropped: DroppedRecords;

  constructor(
    private readonly options: SyslogOptions,
    private readonly events: DestinationEvents,
    private readonly connectSocket: () => Socket,
  ) {
    this.encoder = new Rfc5424Encoder(options);
    this.scratch = Buffer.allocUnsafeSlow(options.maxMessageBytes);
    this.dropped = new DroppedRecords(events, options.bufferBytes, () => this.lastError);
    this.closeWait = new CloseWait(options.closeTimeoutMs);
    this.connect();
  }

  /**
   * Bytes on their way to the OS: the batch being filled and writes not yet completed. Records held while
   * the server is unreachable are not counted: they are bounded by `bufferBytes` and dropped beyond it,
   * so the worker keeps draining the rings (the application never blocks on a dead syslog server).
   */
  get pendingBytes(): number {
    return this.batchPos + this.inFlightBytes;
  }

  get droppedRecords(): number {
    return this.dropped.total;
  }

  get recordsDropped(): number {
    return this.dropped.total;
  }

  /** Records waiting for the connection: held while it is down, and writes to resend after it closed. */
  get recordsHeld(): number {
    let records = this.connected ? 0 : this.batchRecords;
    for (const chunk of this.held) records += chunk.records;
    for (const chunk of this.retry) records += chunk.records;
    return records;
  }

  write(bytes: Uint8Array, start: number, end: number, level: number): void {
    if (this.finished) {
      this.dropped.discard(1); // after close: nowhere to send it
      return;
    }
    const needed = this.encoder.maxLength(end - start);
    if (this.scratch.length < needed) this.scratch = Buffer.allocUnsafeSlow(needed);
    const length = this.encoder.encode(this.scratch, 0, bytes, start, end, level, Date.now());
    this.append(length);
  }

  /** Frames the message in `scratch[0, length)` into the batch, or drops it when it cannot be held. */
  private append(length: number): void {
    const frame = frameLength(length);
    if (!this.connected) {
      if (this.exiting) {
        this.dropped.discard(1); // the exit already reported giving up on this target
        return;
      }
      if (this.dropped.dropping || this.heldBytes + this.batchPos + frame > this.options.bufferBytes) {
        this.dropped.drop();
        return;
      }
    }
    if (this.batchPos + frame > this.batch.length) {
      this.sealBatch();
      if (frame > this.batch.length) this.batch = Buffer.allocUnsafeSlow(frame);
    }
    this.batchPos = writeFrame(this.batch, this.batchPos, this.scratch, length);
    this.batchRecords++;
    if (this.connected && this.batchPos >= CHUNK_BYTES) this.sealBatch();
  }

  /** Ends the current batch: written now when connected, else held. */
  private sealBatch(): void {
    if (this.batchPos === 0) return;
    const chunk: Chunk = {
      bytes: this.batch.subarray(0, this.batchPos),
      records: this.batchRecords,
      settled: false,
    };
    this.batch = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.batchPos = 0;
    this.batchRecords = 0;
    if (this.connected && this.socket !== null) {
      this.send(this.socket, chunk);
    } else {
      this.held.push(chunk);
      this.heldBytes += chunk.bytes.length;
    }
  }

  private send(socket: Socket, chunk: Chunk): void {
    this.inFlight.push(chunk);
    this.inFlightBytes += chunk.bytes.length;
    this.writes.issue();
    socket.write(chunk.bytes, (error) => {
      if (chunk.settled) return; // its connection closed first and held it again
      if (error) {
        this.lastError = error;
        this.settle(chunk, true);
      } else {
        this.settle(chunk, false);
      }
    });
  }

  /** A write completed (in order): done with it, or hold it again to resend after reconnecting. */
  private settle(chunk: Chunk, resend: boolean): void {
    chunk.settled = true;
    const index = this.inFlight.indexOf(chunk);
    if (index !== -1) this.inFlight.splice(index, 1);
    this.inFlightBytes -= chunk.bytes.length;
    if (resend) this.retry.push(chunk);
    this.writes.complete();
  }

  flush(done: () => void): void {
    this.sealBatch();
    this.writes.whenComplete(done);
  }

  /** The server is reached by address, not through a file: nothing to reopen after a log rotation. */
  reopen(): void {}

  close(done: () => void): void {
    if (this.closeDone !== null) {
      this.writes.whenComplete(done);
      return;
    }
    this.closeDone = done;
    this.sealBatch();
    if (this.connected && this.socket !== null) {
      this.endWhenWritten(this.socket);
      return;
    }
    // Down: keep trying for closeTimeoutMs, the first attempt now rather than after the backoff delay.
    this.closeWait.start(() => this.giveUpAtClose());
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.connect();
    }
    // Otherwise a connection attempt is under way: onConnect() or onClose() carries the close on.
  }

  /** closeTimeoutMs ran out with the server still unreachable: stop trying, drop what is held. */
  private giveUpAtClose(): void {
    if (this.connected) return; // reached meanwhile: what was held is being written
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    // An attempt under way is cut short; its 'close' finishes the close.
    if (this.socket !== null) this.socket.destroy();
    else this.finishClose();
  }

  /** The connection is gone for good at close: what is still held is dropped, and said so once. */
  private finishClose(): void {
    this.closeWait.end();
    this.finished = true;
    this.giveUpHeld((records, cause) => this.closeWait.giveUpError(records, cause));
    const done = this.closeDone ?? (() => {});
    this.writes.whenComplete(done);
  }

  /**
   * The process exits (the exit drain cannot wait for a reconnect): what is held for a server that is
   * down is dropped now, and so is what comes while it stays down; counted, and said once.
   */
  giveUpIfFailing(): void {
    this.exiting = true;
    if (this.connected || this.finished) return;
    this.giveUpHeld(exitGiveUpError);
  }

  private giveUpHeld(report: (records: number, cause: Error | null) => Error): void {
    const records = this.dropEverything();
    if (records > 0) this.events.onAbandoned?.(report(records, this.lastError));
    this.events.onCountsChanged?.();
  }

  private endWhenWritten(socket: Socket): void {
    // Destroyed once the last byte is in the kernel (which still sends it): no wait for the server's FIN.
    this.writes.whenComplete(() => socket.end(() => socket.destroy()));
  }

  private connect(): void {
    const socket = this.connectSocket();
    this.socket = socket;
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
      if (!this.connected) {
        socket.destroy(
          unreachableError(`connection not accepted within ${CONNECT_TIMEOUT_MS} ms`, null, 'ETIMEDOUT'),
        );
      }
    });
    socket.once('connect', () => this.onConnect(socket));
    socket.on('error', (error) => {
      this.lastError = error;
    });
    // A server that goes away closes its end: treat that as the connection's end rather than wait for a
    // write to fail (the first write after it would be lost in the kernel).
    socket.on('end', () => {
      this.lastError = unreachableError('the server closed the connection', null, 'ECONNRESET');
      socket.destroy();
    });
    socket.on('close', () => this.onClose(socket));
    // rsyslog sends nothing; reading is what delivers the server's FIN ('end').
    socket.resume();
  }

  private onConnect(socket: Socket): void {
    if (socket !== this.socket) return;
    socket.setTimeout(0);
    socket.setNoDelay(true);
    this.connected = true;
    this.lastError = null;
    this.backoff.reset();
    // Oldest first: writes that failed when the last connection closed, what was held while down, the
    // notice of what was dropped after that, then the batch being filled.
    for (const chunk of this.retry.splice(0)) this.send(socket, { ...chunk, settled: false });
    for (const chunk of this.held.splice(0)) this.send(socket, chunk);
    this.heldBytes = 0;
    const unreported = this.dropped.takeUnreported();
    if (unreported > 0) this.sendDropNotice(socket, unreported);
    this.sealBatch();
    this.events.onCountsChanged?.();
    if (this.failing) {
      this.failing = false;
      this.events.onRecovered();
    }
    if (this.closeDone !== null) {
      this.closeWait.end();
      this.endWhenWritten(socket);
    }
  }

  private sendDropNotice(socket: Socket, count: number): void {
    const text = dropNotice(count);
    const length = this.encoder.encode(this.scratch, 0, text, 0, text.length, DROP_NOTICE_LEVEL, Date.now());
    const bytes = Buffer.allocUnsafeSlow(frameLength(length));
    writeFrame(bytes, 0, this.scratch, length);
    this.send(socket, { bytes, records: 1, settled: false });
  }

  private onClose(socket: Socket): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.connected = false;
    // Writes still outstanding on a closed connection did not reach the server: hold them again.
    for (const chunk of this.inFlight.slice()) this.settle(chunk, true);
    if (this.closeDone !== null) {
      // Closing: done once nothing is left to deliver or the wait ran out; else try again meanwhile.
      if (this.closeWait.givenUp || this.recordsHeld === 0) {
        this.finishClose();
        return;
      }
      this.closeWait.start(() => this.giveUpAtClose());
    } else if (!this.failing) {
      this.failing = true;
      const cause = this.lastError;
      this.events.onUnreachable(
        unreachableError(
          `${causeText(cause, 'the server closed the connection')}; holding records (up to ${this.options.bufferBytes} bytes) and reconnecting`,
          cause,
          'ECONNRESET',
        ),
      );
    }
    this.events.onCountsChanged?.();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, this.backoff.next());
  }

  /** Closing with the server unreachable: what is still held is counted as dropped; returns how many. */
  private dropEverything(): number {
    let records = this.batchRecords;
    for (const chunk of this.retry.splice(0)) records += chunk.records;
    for (const chunk of this.held.splice(0)) records += chunk.records;
    this.heldBytes = 0;
    this.batchPos = 0;
    this.batchRecords = 0;
    this.dropped.discard(records);
    return records;
  }
}

/** Records are gathered into chunks of this size per socket write (the file writer's batch size). */
const CHUNK_BYTES = 64 * 1024;
/** A server that neither accepts nor refuses (a firewall dropping SYNs) counts as down after this. */
const CONNECT_TIMEOUT_MS = 5000;
