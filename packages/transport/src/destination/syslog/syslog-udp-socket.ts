import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { CloseWait, exitGiveUpError } from '../close-wait.js';
import { ReconnectBackoff } from '../reconnect-backoff.js';
import type { DestinationEvents, RecordDestination } from '../record-destination.js';
import { unreachableError } from '../unreachable-error.js';
import { CompletionOrder } from './completion-order.js';
import { DroppedRecords } from './dropped-records.js';
import { Rfc5424Encoder } from './rfc5424-encoder.js';
import type { SyslogOptions } from './syslog-options.js';

/**
 * Syslog over UDP (RFC 5426): one datagram per record, at most `maxMessageBytes` (longer messages are
 * truncated and marked by the encoder, never split). The socket is connected once, so the host name is
 * resolved once and each send skips the address lookup. Datagrams are carved from 64 KiB slabs that
 * stay referenced until their sends complete: no allocation per record.
 *
 * UDP has no acknowledgement: a datagram the kernel accepted can still be lost. A failed send (nothing
 * listening: ECONNREFUSED, reported by the kernel on a later send) is reported once per outage through
 * onUnreachable and that datagram is dropped and counted; sending goes on, and the first send that
 * succeeds after it reports onRecovered. Records written before the socket is connected (a host name that
 * does not resolve yet) are held (bounded by `bufferBytes`); close() waits up to `closeTimeoutMs` for the
 * connection to deliver them, then drops them and reports that once.
 */
export class SyslogUdpSocket implements RecordDestination {
  private readonly encoder: Rfc5424Encoder;
  private slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
  private slabPos = 0;
  private socket: Socket | null = null;
  private connected = false;
  /** Datagrams written before the socket is connected (or while connecting fails). */
  private readonly held: Buffer[] = [];
  private heldBytes = 0;
  private inFlightBytes = 0;
  private readonly sends = new CompletionOrder();
  private failing = false;
  private readonly backoff = new ReconnectBackoff();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closeDone: (() => void) | null = null;
  private readonly closeWait: CloseWait;
  /** The process exits: nothing more is held for a socket that cannot connect (see giveUpIfFailing). */
  private exiting = false;
  /** Why the socket could not connect (a DNS error), for the report at close. */
  private lastError: Error | null = null;
  readonly dropped: DroppedRecords;

  constructor(
    private readonly options: SyslogOptions,
    private readonly events: DestinationEvents,
  ) {
    this.encoder = new Rfc5424Encoder(options);
    this.dropped = new DroppedRecords(events, options.bufferBytes, () => this.lastError);
    this.closeWait = new CloseWait(options.closeTimeoutMs);
    this.connect();
  }

  get pendingBytes(): number {
    return this.inFlightBytes;
  }

  get droppedRecords(): number {
    return this.dropped.total;
  }

  get recordsDropped(): number {
    return this.dropped.total;
  }

  /** Datagrams waiting for the socket to connect. */
  get recordsHeld(): number {
    return this.held.length;
  }

  write(bytes: Uint8Array, start: number, end: number, level: number): void {
    const needed = this.encoder.maxLength(end - start);
    if (this.slabPos + needed > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, needed));
      this.slabPos = 0;
    }
    const from = this.slabPos;
    this.slabPos = this.encoder.encode(this.slab, from, bytes, start, end, level, Date.now());
    const datagram = this.slab.subarray(from, this.slabPos);
    if (this.connected && this.socket !== null) {
      this.send(this.socket, datagram);
    } else if (this.closeDone !== null || this.exiting) {
      this.dropped.discard(1); // closing or exiting unconnected: the give-up report covers it
    } else if (!this.dropped.dropping && this.heldBytes + datagram.length <= this.options.bufferBytes) {
      this.held.push(datagram);
      this.heldBytes += datagram.length;
    } else {
      this.dropped.drop();
    }
  }

  private send(socket: Socket, datagram: Buffer): void {
    this.inFlightBytes += datagram.length;
    this.sends.issue();
    socket.send(datagram, (error) => {
      this.inFlightBytes -= datagram.length;
      if (error) {
        // Not sent (the kernel refused it): this record is lost.
        this.refused(error);
      } else if (this.failing) {
        this.failing = false;
        this.events.onRecovered();
      }
      this.sends.complete();
    });
  }

  flush(done: () => void): void {
    this.sends.whenComplete(done);
  }

  /** The server is reached by address, not through a file: nothing to reopen after a log rotation. */
  reopen(): void {}

  close(done: () => void): void {
    this.closeDone = done;
    if (this.connected || this.held.length === 0) {
      this.finishClose();
      return;
    }
    // Not connected with datagrams held: keep trying for closeTimeoutMs, the next attempt now.
    this.closeWait.start(() => this.finishClose());
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.connect();
    }
    // Otherwise the socket is connecting: its outcome carries the close on.
  }

  /** The process exits: datagrams held for a socket that cannot connect are dropped now, said once. */
  giveUpIfFailing(): void {
    this.exiting = true;
    if (!this.connected) this.dropHeld(exitGiveUpError);
  }

  private finishClose(): void {
    this.closeWait.end();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.sends.whenComplete(() => {
      if (!this.connected) this.dropHeld((records, cause) => this.closeWait.giveUpError(records, cause));
      const socket = this.socket;
      const done = this.closeDone ?? (() => {});
      this.socket = null;
      this.connected = false;
      if (socket === null) done();
      else socket.close(() => done());
    });
  }

  /**
   * Connects the socket (an IPv6 literal gets a udp6 socket; a host name resolves as IPv4, so 'localhost'
   * is 127.0.0.1). A failure here is a name that does not resolve: retried with backoff.
   */
  private connect(): void {
    const socket = createSocket(isIPv6(this.options.host) ? 'udp6' : 'udp4');
    this.socket = socket;
    socket.on('error', (error) => {
      if (socket !== this.socket) return;
      // Once connected, an error is the kernel passing on an ICMP refusal of a datagram already sent.
      if (this.connected) this.refused(error);
      else this.connectFailed(socket, error);
    });
    // Node hands a failed lookup to this callback rather than to 'error'.
    socket.connect(this.options.port, this.options.host, (error?: Error) => {
      if (socket !== this.socket) return;
      if (error) {
        this.connectFailed(socket, error);
        return;
      }
      this.connected = true;
      this.backoff.reset();
      for (const datagram of this.held.splice(0)) this.send(socket, datagram);
      this.heldBytes = 0;
      this.dropped.takeUnreported();
      this.events.onCountsChanged?.();
      if (this.failing) {
        this.failing = false;
        this.events.onRecovered();
      }
      if (this.closeDone !== null) this.finishClose();
    });
  }

  /**
   * A datagram was refused (nothing listens: ECONNREFUSED), reported on a later send or as a socket
   * error: one record lost, counted. The kernel rate-limits ICMP replies, so a burst to a closed port
   * loses more datagrams than it reports.
   */
  private refused(error: Error): void {
    this.lastError = error;
    this.dropped.discard(1);
    if (this.failing) return;
    this.failing = true;
    this.events.onUnreachable(unreachableError(`${error.message}; datagrams are dropped`, error, 'EIO'));
  }

  private connectFailed(socket: Socket, error: Error): void {
    if (socket !== this.socket || this.connected) return;
    socket.close();
    this.socket = null;
    this.lastError = error;
    if (!this.failing) {
      this.failing = true;
      this.events.onUnreachable(
        unreachableError(
          `${error.message}; holding records (up to ${this.options.bufferBytes} bytes) and retrying`,
          error,
          'EIO',
        ),
      );
    }
    if (this.closeDone !== null && this.closeWait.givenUp) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, this.backoff.next());
  }

  /** Closing or exiting unconnected: what is held is dropped, and said so once. */
  private dropHeld(report: (records: number, cause: Error | null) => Error): void {
    const records = this.held.length;
    this.held.length = 0;
    this.heldBytes = 0;
    if (records === 0) return;
    this.dropped.discard(records);
    this.events.onAbandoned?.(report(records, this.lastError));
    this.events.onCountsChanged?.();
  }
}

/** Datagrams are carved from slabs of this size. */
const SLAB_BYTES = 64 * 1024;
