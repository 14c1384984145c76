/**
 * The two places every comparison writes to, opened the same way for sluice and pino:
 *
 * - `noop`: a sink that drops each record once it is complete (sluice's NullSink, pino's
 *   `{ write() {} }`). Nothing is written, so this is the logger's own cost: the headline comparison.
 * - `devnull`: `/dev/null` through each library's own asynchronous destination (sluice's
 *   `destination()` on sonic-boom 5, pino's `pino.destination()` on sonic-boom 4), so the cost of
 *   getting records written is included (see measureDrainedCase).
 *
 * Both loggers keep their defaults otherwise (`pid` and `hostname` base fields, epoch-millisecond
 * `time`), which produce the same record shape.
 */

import { once } from 'node:events';
import { createLogger, destination, type Logger, NullSink, type SonicDestination } from '@sluice/core';
import pino from 'pino';

export type SinkKind = 'noop' | 'devnull';

export interface SinkSpec {
  readonly kind: SinkKind;
  readonly title: string;
  /** How sluice and pino are set up, as code, for the report. */
  readonly sluice: string;
  readonly pino: string;
}

export const SINKS: readonly SinkSpec[] = [
  {
    kind: 'noop',
    title: 'no-op sink: the logger alone',
    sluice: 'new NullSink()',
    pino: '{ write() {} }',
  },
  {
    kind: 'devnull',
    title: "/dev/null through each library's async destination",
    sluice: "destination({ dest: '/dev/null', sync: false })",
    pino: "pino.destination({ dest: '/dev/null', sync: false })",
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

export function openSluice(kind: SinkKind, level: string): OpenLogger<Logger> {
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
  const stream = pino.destination({ dest: '/dev/null', sync: false });
  const log = pino({ level }, stream);
  return {
    log,
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

export function captureSluice(level: string): CapturingLogger<Logger> {
  const lines: string[] = [];
  const log = createLogger({ destination: { write: (line: string) => lines.push(line) }, level });
  return { log, lines };
}

export function capturePino(level: string): CapturingLogger<PinoLogger> {
  const lines: string[] = [];
  const log = pino({ level }, { write: (line: string) => lines.push(line) });
  return { log, lines };
}
