import assert from 'node:assert/strict';
import { createLogger, type Logger, type LoggerOptions } from '../../dist/esm/index.js';

/** A logger whose records land in `lines`, one string per record, exactly as the sink wrote them. */
export interface CollectingLogger {
  log: Logger;
  lines: string[];
}

/**
 * Defaults to no base fields and no timestamp, so a record holds only what the test logged. The
 * destination is always the collector; everything else can be overridden.
 */
export function collectingLogger(
  options: Readonly<Omit<LoggerOptions, 'destination'>> = {},
): CollectingLogger {
  const lines: string[] = [];
  const log = createLogger({
    base: null,
    timestamp: false,
    ...options,
    destination: {
      write: (line: string) => {
        lines.push(line);
      },
    },
  });
  return { log, lines };
}

/** Asserts that exactly one record was written and that it is one line ending in its only newline. */
export function onlyLine(lines: readonly string[]): string {
  assert.equal(lines.length, 1, `expected one record, got ${lines.length}`);
  const line = lines[0];
  assert.equal(
    line.indexOf('\n'),
    line.length - 1,
    `expected exactly one trailing newline in ${JSON.stringify(line)}`,
  );
  return line;
}

/** The single JSON record written, parsed (it must parse). */
export function onlyRecord(lines: readonly string[]): Record<string, unknown> {
  return JSON.parse(onlyLine(lines)) as Record<string, unknown>;
}
