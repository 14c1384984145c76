import { Writable } from 'node:stream';
import { asError } from './adapter-errors.js';
import { AdapterLink, type AdapterTarget } from './adapter-link.js';
import { DEFAULT_LINE_LEVEL, levelOfBytes, levelOfLine } from './line-level.js';

/**
 * A Node Writable (bytes, not objects) whose text goes into a sluice transport line by line: for
 * anything that logs to a stream (bunyan's `streams: [{ stream }]`, morgan's `stream`, `pipeline` from
 * a file). Each complete line becomes one record, its level read from a `"level":NN` key near its start
 * (info otherwise). A chunk may hold several lines or end mid-line: the unterminated rest waits for the
 * next chunk, and `end()` writes it with a newline added. `finish` is emitted once everything is in the
 * destination (and a transport this stream started is closed).
 *
 * Writes complete synchronously into the ring (or wait there under the `block` policy), so the stream
 * never buffers chunks of its own; only an unterminated line is held, up to MAX_PENDING_LINE_BYTES.
 */
export class SluiceWritable extends Writable {
  private readonly link: AdapterLink;
  /** The end of the last chunk after its last newline: the start of a line still being written. */
  private pending: Buffer | null = null;

  constructor(target: AdapterTarget) {
    // decodeStrings: false hands strings over as they are, so they are encoded once, into the ring.
    super({ decodeStrings: false, objectMode: false });
    this.link = new AdapterLink(target);
    this.link.ready.then(
      () => this.emit('ready'),
      (error: unknown) => this.destroy(asError(error)),
    );
  }

  /** Blocks until every complete line written so far is in the destination (for exit handlers). */
  flushSync(): void {
    this.link.flushSync();
  }

  override _write(
    chunk: string | Buffer,
    encoding: BufferEncoding | 'buffer',
    callback: (error?: Error | null) => void,
  ): void {
    try {
      if (typeof chunk !== 'string') this.writeBytes(chunk);
      else if (this.pending === null && isUtf8(encoding)) this.writeText(chunk);
      else this.writeBytes(Buffer.from(chunk, encoding as BufferEncoding));
      callback();
    } catch (error) {
      callback(asError(error));
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.writePending();
    this.link.close().then(
      () => callback(),
      (error: unknown) => callback(asError(error)),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.writePending();
    this.link.close().then(
      () => callback(error),
      (failure: unknown) => callback(error ?? asError(failure)),
    );
  }

  private writeText(text: string): void {
    const link = this.link;
    const length = text.length;
    let newline = text.indexOf('\n');
    // The common case: a logger wrote one line.
    if (newline === length - 1) {
      link.writeLine(text, levelOfLine(text, DEFAULT_LINE_LEVEL));
      return;
    }
    let start = 0;
    while (newline !== -1) {
      const line = text.slice(start, newline + 1);
      link.writeLine(line, levelOfLine(line, DEFAULT_LINE_LEVEL));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < length) this.hold(Buffer.from(text.slice(start)));
  }

  private writeBytes(chunk: Buffer): void {
    const link = this.link;
    if (this.pending !== null) {
      chunk = Buffer.concat([this.pending, chunk]);
      this.pending = null;
    }
    const length = chunk.length;
    let start = 0;
    let newline = chunk.indexOf(NEWLINE);
    while (newline !== -1) {
      const end = newline + 1;
      link.writeLineBytes(chunk, start, end, levelOfBytes(chunk, start, end, DEFAULT_LINE_LEVEL));
      start = end;
      newline = chunk.indexOf(NEWLINE, start);
    }
    // A copy: the caller may reuse its chunk once the write calls back.
    if (start < length) this.hold(Buffer.from(chunk.subarray(start)));
  }

  /** Keeps an unterminated line, or writes it as a line of its own once it outgrows the bound. */
  private hold(rest: Buffer): void {
    this.pending = rest;
    if (rest.length > MAX_PENDING_LINE_BYTES) this.writePending();
  }

  private writePending(): void {
    const rest = this.pending;
    if (rest === null) return;
    this.pending = null;
    this.link.writeLineBytes(rest, 0, rest.length, levelOfBytes(rest, 0, rest.length, DEFAULT_LINE_LEVEL));
  }
}

function isUtf8(encoding: string): boolean {
  return encoding === 'utf8' || encoding === 'utf-8';
}

const NEWLINE = 0x0a;

/**
 * An unterminated line longer than this is written as a record of its own (with a newline) rather than
 * held without bound. Records larger than half the ring are dropped as oversize in any case.
 */
export const MAX_PENDING_LINE_BYTES = 1024 * 1024;

/**
 * A Writable that logs the lines written to it through a sluice transport: transport options (`{ dest,
 * policy, ... }`, the stream starts and owns the transport) or `{ transport }` (a running one, shared).
 */
export function sluiceWritable(target: AdapterTarget = {}): SluiceWritable {
  return new SluiceWritable(target);
}
