/**
 * The loggers measured beside sluice and pino, each opened on the same kind of sink as they are:
 *
 * - winston 3: `createLogger` with `format.combine(timestamp(), splat(), json())`, `{ pid, hostname }`
 *   as default meta (the fields pino and sluice write), one Stream transport;
 * - bunyan 2: `createLogger({ name, streams: [{ stream }] })` (it adds pid, hostname, time, v itself);
 * - console: `new Console(stream).log(JSON.stringify({ level, time, pid, hostname, msg, ...fields }))`,
 *   the structured log people write without a library (JsonConsole below);
 * - template: a hand-written template literal per scenario, `{"level":30,"time":${Date.now()},...}`,
 *   written with one `write()`: no library, no generic serialiser, the floor a logger can approach.
 *
 * The sink is a LineStream over one write function: nothing (no-op), a sonic-boom on /dev/null opened
 * exactly as pino's async destination is (`pino.destination({ dest: '/dev/null', sync: false })`), or
 * an array (to check what a call writes). So every logger's bytes end in the same place by the same
 * route, and the only difference measured is the logger.
 */
import { Console } from 'node:console';
import { EventEmitter, once } from 'node:events';
import { createRequire } from 'node:module';
import os from 'node:os';
import pino from 'pino';
import winston from 'winston';

export type CompetitorName = 'winston' | 'bunyan' | 'console' | 'template';

/** The competitors in report order. */
export const COMPETITORS: readonly CompetitorName[] = ['winston', 'bunyan', 'console', 'template'];

/** How each competitor is set up, as text for the report. */
export const COMPETITOR_SETUP: Readonly<Record<CompetitorName, string>> = {
  winston:
    'winston.createLogger({ format: combine(timestamp(), splat(), json()), defaultMeta: { pid, hostname } })',
  bunyan: "bunyan.createLogger({ name: 'bench', streams: [{ stream }] })",
  console: 'new Console(stream).log(JSON.stringify({ level, time, pid, hostname, msg, ...fields }))',
  template: 'stream.write(`{"level":30,"time":` + Date.now() + `,...}`), one template literal per scenario',
};

/**
 * A duck-typed writable stream over one function: what winston's Stream transport (it checks `pipe`
 * and `_writableState.objectMode`), Console (it listens for 'error') and bunyan accept, with no
 * Writable machinery of its own in the measurement.
 */
export class LineStream extends EventEmitter {
  readonly _writableState = { objectMode: false };

  constructor(private readonly sink: (line: string) => void) {
    super();
  }

  write(line: string): boolean {
    this.sink(line);
    return true;
  }

  pipe(): this {
    return this;
  }
}

/** Somewhere to write lines, and how to wait for and finish with it. */
export interface LineSink {
  readonly write: (line: string) => void;
  /** Resolves once everything written so far has reached the OS (see OpenLogger.drained). */
  drained(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `pino.destination({ dest: '/dev/null', sync: false })`: sonic-boom 4, the async destination pino
 * itself is measured with; the competitors write to one of their own.
 */
export function openDevNullSonic(): LineSink & { readonly stream: ReturnType<typeof pino.destination> } {
  const stream = pino.destination({ dest: '/dev/null', sync: false });
  return {
    stream,
    write: (line) => {
      stream.write(line);
    },
    // sonic-boom 4 starts a write on the first record after an idle spell and emits 'drain' when it
    // has written everything; its flush(cb) calls back at once when minLength is 0, written or not.
    drained: () => once(stream, 'drain').then(() => undefined),
    // end() writes what sonic-boom still holds, then closes the file: 'close' means all of it is out.
    close: () =>
      new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.end();
      }),
  };
}

/** The numeric levels every JSON record here uses (pino's and bunyan's). */
export const LEVEL = { debug: 20, info: 30, warn: 40 } as const;

/** The `pid` and `hostname` fields every logger's records carry, as a JSON fragment for templates. */
export const BASE_FIELDS = { pid: process.pid, hostname: os.hostname() } as const;
const BASE_JSON = `"pid":${BASE_FIELDS.pid},"hostname":${JSON.stringify(BASE_FIELDS.hostname)}`;

/** The console competitor: a JSON line per call through console.log, child loggers by merging. */
export class JsonConsole {
  constructor(
    private readonly console: Console,
    private readonly minLevel: number,
    private readonly bindings: Readonly<Record<string, unknown>> = BASE_FIELDS,
  ) {}

  info(msg: string, fields?: Readonly<Record<string, unknown>>): void {
    this.write(LEVEL.info, msg, fields);
  }

  debug(msg: string, fields?: Readonly<Record<string, unknown>>): void {
    this.write(LEVEL.debug, msg, fields);
  }

  child(bindings: Readonly<Record<string, unknown>>): JsonConsole {
    return new JsonConsole(this.console, this.minLevel, { ...this.bindings, ...bindings });
  }

  private write(level: number, msg: string, fields?: Readonly<Record<string, unknown>>): void {
    if (level < this.minLevel) return;
    this.console.log(JSON.stringify({ level, time: Date.now(), ...this.bindings, ...fields, msg }));
  }
}

/** What a scenario's hand-written template writes with. */
export interface TemplateOut {
  readonly write: (line: string) => void;
  /** `"pid":…,"hostname":…`: the base fields, serialised once, as pino does at creation. */
  readonly base: string;
  /** The logger's level as a number: a template checks it as any logger would. */
  readonly minLevel: number;
}

/** The part of bunyan's logger the scenarios call (bunyan ships no types; @types/bunyan is not a dependency). */
export interface BunyanLogger {
  info(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  /** Sets the level of the logger and all its streams. */
  level(value: string): void;
  child(bindings: Record<string, unknown>, simple?: boolean): BunyanLogger;
}

interface BunyanModule {
  createLogger(options: {
    name: string;
    level: string;
    streams: { level: string; stream: LineStream }[];
  }): BunyanLogger;
}

const require = createRequire(import.meta.url);
const bunyan = require('bunyan') as BunyanModule;

/** Each competitor's logger type. */
export interface CompetitorLoggers {
  readonly winston: winston.Logger;
  readonly bunyan: BunyanLogger;
  readonly console: JsonConsole;
  readonly template: TemplateOut;
}

/** Opens `name` on a stream that hands each line to `write`, at `level` (`'info'`, `'debug'`). */
export function openCompetitor<N extends CompetitorName>(
  name: N,
  write: (line: string) => void,
  level: string,
): CompetitorLoggers[N] {
  const minLevel = LEVEL[level as keyof typeof LEVEL] ?? LEVEL.info;
  const stream = new LineStream(write);
  const loggers = {
    winston: () =>
      winston.createLogger({
        level,
        format: winston.format.combine(
          winston.format.timestamp(),
          winston.format.splat(),
          winston.format.json(),
        ),
        defaultMeta: { ...BASE_FIELDS },
        // LineStream passes winston-transport's stream check (see above); the cast says so to tsc.
        transports: [new winston.transports.Stream({ stream: stream as unknown as NodeJS.WritableStream })],
      }),
    bunyan: () => bunyan.createLogger({ name: 'bench', level, streams: [{ level, stream }] }),
    console: () => new JsonConsole(new Console(stream as unknown as NodeJS.WritableStream), minLevel),
    template: () => ({ write, base: BASE_JSON, minLevel }),
  };
  return loggers[name]() as CompetitorLoggers[N];
}
