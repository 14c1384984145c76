import { EventEmitter } from 'node:events';
import { asError, closedError } from './adapter-errors.js';
import { AdapterLink, type AdapterTarget } from './adapter-link.js';
import { DEFAULT_LINE_LEVEL, levelOfBytes, levelOfLine } from './line-level.js';

/**
 * A pino destination: pino formats, sluice's transport writes. Each line pino hands over is copied
 * straight into this thread's ring (no Buffer per line, no JS queue) and written by the sink worker, so
 * the process keeps the transport's guarantees: bounded memory, a full-ring policy, and every line
 * delivered on exit, `process.exit`, uncaught exceptions and SIGTERM/SIGINT.
 *
 * Switching a pino app is one line: `pino(options, sluiceDestination({ dest: '/var/log/app.log' }))`.
 *
 * Events, as sonic-boom emits them: `ready` once the sink worker runs; `error` for a failed flush or a
 * write after `end()` (without a listener: a process warning, never a throw into a log call); `finish`
 * and `close` once `end()` has flushed (and closed a transport this destination started).
 */
export class SluiceDestination extends EventEmitter {
  /**
   * Read by pino: an object with `writable` passed as pino's only argument is taken as its stream, so
   * `pino(sluiceDestination(...))` works too. False after `end()`.
   */
  writable = true;
  private readonly link: AdapterLink;
  private warnedAboutWrites = false;

  constructor(target: AdapterTarget) {
    super();
    this.link = new AdapterLink(target);
    this.link.ready.then(
      () => this.emit('ready'),
      (error: unknown) => this.fail(error),
    );
  }

  /**
   * pino's call: one formatted line, newline included. Its level comes from pino's `{"level":30` opening
   * (30 when pino writes labels). Returns false only after `end()`; a line the full-ring policy drops is
   * counted in `stats().dropped` and reported in the log, and still returns true (nothing to wait for).
   */
  write(line: string | Buffer): boolean {
    if (!this.writable) {
      this.refuseWrite();
      return false;
    }
    if (typeof line === 'string') this.link.writeLine(line, levelOfLine(line, DEFAULT_LINE_LEVEL));
    else
      this.link.writeLineBytes(line, 0, line.length, levelOfBytes(line, 0, line.length, DEFAULT_LINE_LEVEL));
    return true;
  }

  /** Blocks until every line written so far is in the destination (pino's `final`/exit pattern). */
  flushSync(): void {
    this.link.flushSync();
  }

  /** Calls back once every line written so far is in the destination. */
  flush(callback?: (error?: Error | null) => void): void {
    this.link.flush().then(
      () => callback?.(null),
      (error: unknown) => (callback === undefined ? this.fail(error) : callback(asError(error))),
    );
  }

  /** Flushes, closes the transport if this destination started it, then emits `finish` and `close`. */
  end(): void {
    if (!this.writable) return;
    this.writable = false;
    this.link.close().then(
      () => {
        this.emit('finish');
        this.emit('close');
      },
      (error: unknown) => this.fail(error),
    );
  }

  private refuseWrite(): void {
    if (this.listenerCount('error') > 0) {
      this.emit('error', closedError('sluiceDestination'));
    } else if (!this.warnedAboutWrites) {
      this.warnedAboutWrites = true;
      process.emitWarning(closedError('sluiceDestination').message, { code: 'SLUICE_ADAPTER' });
    }
  }

  private fail(error: unknown): void {
    if (this.listenerCount('error') > 0) this.emit('error', asError(error));
    else process.emitWarning(`sluiceDestination: ${asError(error).message}`, { code: 'SLUICE_ADAPTER' });
  }
}

/**
 * A pino destination writing through a sluice transport: transport options (`{ dest, policy, ... }`,
 * the destination starts and owns the transport) or `{ transport }` (a running one, shared).
 */
export function sluiceDestination(target: AdapterTarget = {}): SluiceDestination {
  return new SluiceDestination(target);
}
