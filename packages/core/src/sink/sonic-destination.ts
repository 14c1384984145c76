import { mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_RECORD_BUFFER_SIZE, RecordBuffer } from '../buffer/record-buffer.js';
import { cannotOpenLogFile, SluiceConfigError } from '../errors.js';
import { optionKeys, rejectUnknownKeys } from '../option-keys.js';
import { SonicBoom as VendoredSonicBoom } from '../vendor/sonic-boom.generated.js';
import { flushOnExit, stopFlushOnExit } from './flush-on-exit.js';
import type { RecordSink } from './record-sink.js';
import { writeFdSync } from './write-fd-sync.js';

export interface DestinationOptions {
  /** A file descriptor (1 stdout, 2 stderr) or a file path. Defaults to 1. */
  dest?: number | string;
  /**
   * Write each record before the log call returns. Defaults to true: nothing is pending if the process
   * dies. With false, records logged in one turn of the event loop go out together in one write on the
   * next turn; they are flushed on exit, by `flushSync()` and by `fatal()`.
   */
  sync?: boolean;
  /** With `sync: false`, gather at least this many bytes before writing. Defaults to 0 (next turn). */
  minLength?: number;
  /** Create the file's missing parent directories. Defaults to false. */
  mkdir?: boolean;
  /** Append to an existing file instead of truncating it. Defaults to true. */
  append?: boolean;
  /** Permission bits for a file this creates. Defaults to 0o666, less the umask. */
  mode?: number;
}

const DESTINATION_OPTION_KEYS = optionKeys<DestinationOptions>({
  dest: true,
  sync: true,
  minLength: true,
  mkdir: true,
  append: true,
  mode: true,
});

/**
 * sonic-boom in `contentMode: 'buffer'`, which its typings do not describe: `write` takes bytes, and
 * `destroyed` is set once it is closed.
 */
interface SonicBufferStream {
  readonly destroyed: boolean;
  write(chunk: Uint8Array): boolean;
  flushSync(): void;
  flush(callback: (error?: Error | null) => void): void;
  end(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'write', listener: (bytes: number) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
}

// sonic-boom as an ES module (scripts/bundle-sonic-boom.mjs), so that an app bundled into one ESM file runs.
const SonicBoom = VendoredSonicBoom as new (options: object) => SonicBufferStream;

/** Above this many gathered bytes an async destination writes at once instead of waiting a turn. */
const ASYNC_BATCH_BYTES = DEFAULT_RECORD_BUFFER_SIZE - 1024;

/**
 * A destination written through sonic-boom, which owns the file descriptor and the write loop (partial
 * writes, EAGAIN retries, fsync on flush).
 *
 * Records are encoded straight into this destination's buffer. In sync mode each record is copied once
 * and written before the call returns. In async mode (`sync: false`) records of one event-loop turn are
 * gathered in the buffer and written as one chunk on the next turn (or at once past 15 KiB): one
 * syscall per batch instead of one per record. The buffer is reused once sonic-boom has written all of
 * it (see writeOwnBuffer), so neither mode allocates per record or per batch. The write itself is
 * synchronous on this thread: for writes off the caller's thread, use @sluice/transport.
 */
export class SonicDestination implements RecordSink {
  readonly out = new RecordBuffer();
  readonly sonic: SonicBufferStream;
  private readonly fd: number;
  private readonly sync: boolean;
  private readonly batchBytes: number;
  private handOffScheduled = false;
  private readonly exitRef: WeakRef<{ flushSync(): void }>;
  private closed = false;
  /** Write errors seen, for stats; only the first is reported. */
  errors = 0;
  /** Bytes handed to sonic-boom that it has not reported written (its 'write' event) yet. */
  private unwrittenBytes = 0;
  private droppedAfterClose = 0;
  /** Where records go, for the line that says records logged after close() are dropped. */
  private readonly target: string;

  constructor(options: Readonly<DestinationOptions> = {}) {
    rejectUnknownKeys(options, DESTINATION_OPTION_KEYS, 'destination options');
    this.sync = options.sync ?? true;
    const minLength = options.minLength ?? 0;
    if (!Number.isInteger(minLength) || minLength < 0) {
      throw new SluiceConfigError(`Invalid minLength: ${String(minLength)}. Use a non-negative integer.`);
    }
    this.batchBytes = Math.max(minLength, ASYNC_BATCH_BYTES);
    const fd = openDestination(options);
    this.target = typeof options.dest === 'string' ? JSON.stringify(options.dest) : `fd ${fd}`;
    this.fd = fd;
    // Always a synchronous sonic-boom: sluice batches async records itself (handOff), and sonic-boom's
    // flushSync() does not wait for an fs.write already in flight, so fatal()/exit could lose that chunk.
    this.sonic = new SonicBoom({ fd, sync: true, contentMode: 'buffer', minLength: 0 });
    this.sonic.on('error', (error: Error) => this.reportError(error));
    this.sonic.on('write', (bytes: number) => {
      this.unwrittenBytes -= bytes;
    });
    this.handOff = this.handOff.bind(this);
    this.exitRef = flushOnExit(this);
  }

  begin(): boolean {
    return true;
  }

  commit(): void {
    const out = this.out;
    if (this.sync) {
      this.writeOwnBuffer();
    } else if (out.pos >= this.batchBytes) {
      this.handOff();
    } else if (!this.handOffScheduled) {
      this.handOffScheduled = true;
      setImmediate(this.handOff);
    }
  }

  /** Hands the gathered records to sonic-boom and starts a fresh buffer for the next batch. */
  private handOff(): void {
    this.handOffScheduled = false;
    const out = this.out;
    const n = out.pos;
    if (n === 0 || this.closed) return;
    this.writeOwnBuffer();
  }

  /**
   * Writes the buffer's records and makes the buffer ready for the next ones. While sonic-boom holds
   * nothing, the bytes go straight to the fd (writeFdSync), without the views, arrays and result
   * objects sonic-boom makes per write: no allocation per record or batch. What that write did not
   * take (a partial write, EAGAIN, an error) goes to sonic-boom, which retries, reports, and keeps order:
   * while it holds bytes, everything goes through it. sonic-boom (synchronous) normally writes the
   * whole chunk before `write` returns and keeps no reference to it, so the same memory is reused; when
   * it could not, it keeps the chunk, and the records continue in fresh memory.
   */
  private writeOwnBuffer(): void {
    const out = this.out;
    const length = out.pos;
    let from = 0;
    if (this.unwrittenBytes === 0 && !this.closed) {
      const written = writeFdSync(this.fd, out.bytes, 0, length);
      if (written === length) {
        out.pos = 0;
        return;
      }
      if (written > 0) from = written;
    }
    this.unwrittenBytes += length - from;
    this.sonic.write(out.bytes.subarray(from, length));
    if (this.unwrittenBytes === 0) out.pos = 0;
    else out.swap(Buffer.allocUnsafeSlow(out.bytes.length));
  }

  /** Records logged after close(): dropped, since there is nowhere left to write them. */
  get dropped(): number {
    return this.droppedAfterClose;
  }

  flushSync(): void {
    this.handOff();
    if (this.closed) return; // close() wrote everything committed before it
    this.sonic.flushSync();
  }

  flush(): Promise<void> {
    this.handOff();
    if (this.closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.sonic.flush((error?: Error | null) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.handOff();
    this.closed = true;
    // Shadows the method on this instance only: open destinations' begin() stays as it was.
    this.begin = this.dropAfterClose;
    stopFlushOnExit(this.exitRef);
    const sonic = this.sonic;
    await new Promise<void>((resolve) => {
      sonic.once('close', () => resolve());
      sonic.end();
    });
  }

  /** begin() once closed: the logger writes nothing for a record the sink refuses. */
  private dropAfterClose(): boolean {
    if (this.droppedAfterClose++ === 0) {
      process.stderr.write(
        `sluice: a record was logged after destination ${this.target} was closed; it and later ones are dropped (destination.dropped counts them)\n`,
      );
    }
    return false;
  }

  private reportError(error: Error): void {
    this.errors++;
    if (this.errors === 1) {
      process.emitWarning(
        `sluice: destination write failed (${(error as NodeJS.ErrnoException).code ?? error.message}); later failures are only counted`,
        { code: 'SLUICE_DESTINATION_ERROR' },
      );
    }
  }
}

/** Opens the file ourselves so the fd is ready before the first record and at exit. */
function openDestination(options: Readonly<DestinationOptions>): number {
  const dest = options.dest ?? 1;
  if (typeof dest === 'number') {
    if (!Number.isInteger(dest) || dest < 0) {
      throw new SluiceConfigError(`Invalid dest: ${dest}. Use a file descriptor (>= 0) or a file path.`);
    }
    return dest;
  }
  if (typeof dest !== 'string' || dest.length === 0) {
    throw new SluiceConfigError(
      `Invalid dest: ${JSON.stringify(dest)}. Use a file descriptor or a file path.`,
    );
  }
  if (options.mkdir) mkdirSync(dirname(dest), { recursive: true });
  const flags = (options.append ?? true) ? 'a' : 'w';
  try {
    return openSync(dest, flags, options.mode ?? 0o666);
  } catch (error) {
    throw cannotOpenLogFile(dest, error, options.mkdir === true);
  }
}

/** `destination()`: sluice's fast sync or batched async destination (see SonicDestination). */
export function destination(options: Readonly<DestinationOptions> | number | string = {}): SonicDestination {
  if (typeof options === 'number' || typeof options === 'string')
    return new SonicDestination({ dest: options });
  return new SonicDestination(options);
}
