/**
 * The two places every comparison writes to, opened the same way for sluice and pino:
 *
 * - `noop`: a sink that drops each record once it is complete (sluice's NullSink, pino's
 *   `{ write() {} }`). Nothing is written, so this is the logger's own cost: the headline comparison.
 * - `devnull`: `/dev/null` through each library's own asynchronous destination (sluice's
 *   `destination()` on sonic-boom 5, pino's `pino.destination()` on sonic-boom 4), so the cost of
 *   getting records written is included (see measureDrainedCase).
 *
 * winston, bunyan, console and the template floor use the same two sinks (see competitors.ts).
 *
 * sluice and pino keep their defaults otherwise (`pid` and `hostname` base fields, epoch-millisecond
 * `time`), which produce the same record shape.
 */

import {
  createLogger,
  destination,
  type LevelName,
  type Logger,
  NullSink,
  type SonicDestination,
} from '@sluice/core';
import pino from 'pino';
import { type LineSink, openDevNullSonic } from './competitors.js';

export type SinkKind = 'noop' | 'devnull';

export interface SinkSpec {
  readonly kind: SinkKind;
  readonly title: string;
  /** How sluice and pino are set up, as code, for the report. */
  readonly sluice: string;
  readonly pino: string;
  /** What winston, bunyan, console and the template write to. */
  readonly others: string;
}

export const SINKS: readonly SinkSpec[] = [
  {
    kind: 'noop',
    title: 'no-op sink: the logger alone',
    sluice: 'new NullSink()',
    pino: '{ write() {} }',
    others: 'a stream whose write() does nothing',
  },
  {
    kind: 'devnull',
    title: "/dev/null through each library's async destination",
    sluice: "destination({ dest: '/dev/null', sync: false })",
    pino: "pino.destination({ dest: '/dev/null', sync: false })",
    others: "a stream over their own pino.destination({ dest: '/dev/null', sync: false })",
  },
];

export type PinoLogger = pino.Logger;

/** A logger on one sink, and how to finish with it (flushing whatever is pending). */
export interface OpenLogger<L> {
  readonly log: L;
  /**
   * Resolves once every record logged so far has been written. Only called after records were logged
   * (pino's destination has no public way to say "nothing pending", only a `drain` event).
   */
  drained(): Promise<void>;
  close(): Promise<void>;
}

/** A logger whose records are kept as strings, to check what a scenario's call writes. */
export interface CapturingLogger<L> {
  readonly log: L;
  readonly lines: string[];
}

export function openSluice(kind: SinkKind, level: LevelName): OpenLogger<Logger> {
  const sink: NullSink | SonicDestination =
    kind === 'noop' ? new NullSink() : destination({ dest: '/dev/null', sync: false });
  const log = createLogger({ destination: sink, level });
  // flush(): resolves when everything logged has been handed to the OS (sonic-boom 5's flush waits).
  return { log, drained: () => log.flush(), close: () => sink.close() };
}

export function openPino(kind: SinkKind, level: string): OpenLogger<PinoLogger> {
  if (kind === 'noop') {
    const done = (): Promise<void> => Promise.resolve();
    return { log: pino({ level }, { write() {} }), drained: done, close: done };
  }
  const sonic = openDevNullSonic();
  return { log: pino({ level }, sonic.stream), drained: sonic.drained, close: sonic.close };
}

export function captureSluice(level: LevelName): CapturingLogger<Logger> {
  const lines: string[] = [];
  const log = createLogger({ destination: { write: (line: string) => lines.push(line) }, level });
  return { log, lines };
}

export function capturePino(level: string): CapturingLogger<PinoLogger> {
  const lines: string[] = [];
  const log = pino({ level }, { write: (line: string) => lines.push(line) });
  return { log, lines };
}

/** The sink the competitors write lines to (see competitors.ts). */
export function openLineSink(kind: SinkKind): LineSink {
  if (kind === 'devnull') return openDevNullSonic();
  const done = (): Promise<void> => Promise.resolve();
  return { write: () => {}, drained: done, close: done };
}
