import type { TransportLink } from '@sluice/core';
import TransportStream from 'winston-transport';
import type { TransportOptions } from '../transport-options.js';
import { asError, closedError } from './adapter-errors.js';
import { AdapterLink, type AdapterTarget } from './adapter-link.js';
import { sluiceLevelOf } from './winston-levels.js';

/**
 * winston's options for a transport plus where sluice writes: transport options (`dest`, `policy`, ...;
 * the winston transport starts and owns a sluice transport) or `{ transport }` (a running one, shared).
 * `format` is winston's (a logform format): the sluice transport's own records keep its default shape.
 */
export type SluiceWinstonTransportOptions = TransportStream.TransportStreamOptions &
  (Readonly<Omit<TransportOptions, 'format'>> | Readonly<{ transport: TransportLink }>) & {
    /**
     * sluice level numbers for custom winston level names (`{ audit: 35 }`); names not here map through
     * WINSTON_LEVELS (npm, syslog and cli sets), unknown ones to info (30). Defaults to none.
     */
    levels?: Readonly<Record<string, number>>;
  };

/**
 * A winston transport writing through sluice: winston formats each entry (`info[MESSAGE]`), sluice's
 * sink worker writes it. `winston.createLogger({ transports: [new SluiceWinstonTransport({ dest })] })`.
 *
 * `logger.end()` resolves through this transport's `finish`, emitted once every line is in the
 * destination (and a transport it started is closed); `logger.close()` / `logger.remove()` flush
 * synchronously. Exit, uncaught exceptions and SIGTERM/SIGINT drain the ring as for any sluice logger.
 */
export class SluiceWinstonTransport extends TransportStream {
  private readonly link: AdapterLink;
  private readonly customLevels: ReadonlyMap<string, number> | null;
  private warnedAboutWrites = false;

  constructor(options: SluiceWinstonTransportOptions = {}) {
    super(options);
    this.link = new AdapterLink(sluiceTarget(options));
    this.customLevels = options.levels === undefined ? null : new Map(Object.entries(options.levels));
  }

  /** winston's call, once per entry that passed this transport's level and format. */
  override log(info: Record<PropertyKey, unknown>, next: () => void): void {
    if (this.link.isClosed) {
      this.refuseWrite();
      next();
      return;
    }
    const formatted = info[MESSAGE];
    const line = typeof formatted === 'string' ? formatted : String(info.message ?? '');
    // LEVEL holds the level name before colorize() decorated `info.level` with ANSI codes.
    this.link.writeLine(line, sluiceLevelOf(info[LEVEL] ?? info.level, this.customLevels));
    if (this.listenerCount('logged') > 0) this.emit('logged', info);
    next();
  }

  /** Called by winston when the transport is removed or the logger closed: flushes synchronously. */
  override close(): void {
    if (this.link.isClosed) return;
    this.link.flushSync();
    this.link.close().catch((error: unknown) => this.emit('warn', asError(error)));
  }

  /** The Writable's end (`logger.end()` ends its transports): `finish` waits for the flush. */
  override _final(callback: (error?: Error | null) => void): void {
    this.link.close().then(
      () => callback(),
      (error: unknown) => callback(asError(error)),
    );
  }

  private refuseWrite(): void {
    if (this.warnedAboutWrites) return;
    this.warnedAboutWrites = true;
    process.emitWarning(closedError('SluiceWinstonTransport').message, { code: 'SLUICE_ADAPTER' });
  }
}

/** winston's own option names: everything else is for the sluice transport. */
const WINSTON_OPTION_KEYS = new Set([
  'format',
  'level',
  'silent',
  'handleExceptions',
  'handleRejections',
  'log',
  'logv',
  'close',
  'levels',
  'highWaterMark',
]);

function sluiceTarget(options: SluiceWinstonTransportOptions): AdapterTarget {
  if ('transport' in options) return { transport: options.transport };
  const target: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!WINSTON_OPTION_KEYS.has(key)) target[key] = value;
  }
  return target as TransportOptions;
}

/** winston's (triple-beam's) keys: the formatted line and the level name before any colouring. */
const MESSAGE = Symbol.for('message');
const LEVEL = Symbol.for('level');
