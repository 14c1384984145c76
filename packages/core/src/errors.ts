/**
 * Errors sluice throws. Only configuration problems throw (at setup, never from a log call); log data
 * problems become marked values in the record instead.
 */

/** Stable codes that tests and callers can switch on. */
export type SluiceErrorCode = 'ERR_SLUICE_CONFIG' | 'ERR_SLUICE_DESTINATION' | 'ERR_SLUICE_CLOSED';

export class SluiceError extends Error {
  readonly code: SluiceErrorCode;

  constructor(code: SluiceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A bad option: the message names the bad value and the valid choices. */
export class SluiceConfigError extends SluiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_SLUICE_CONFIG', message, options);
  }
}

/**
 * A log file that cannot be opened, for core's destination() and the transport's file targets alike: a
 * missing directory (ENOENT) without `mkdir` says that `mkdir: true` creates it.
 */
export function cannotOpenLogFile(path: string, error: unknown, mkdir: boolean): SluiceConfigError {
  const hint =
    (error as NodeJS.ErrnoException).code === 'ENOENT' && !mkdir
      ? ' (mkdir: true creates missing directories)'
      : '';
  return new SluiceConfigError(
    `Cannot open log file ${JSON.stringify(path)}: ${(error as Error).message}${hint}`,
    {
      cause: error,
    },
  );
}

/** Builds the message for an option that must be one of a fixed set of values. */
export function invalidChoice(option: string, value: unknown, choices: readonly string[]): SluiceConfigError {
  return new SluiceConfigError(
    `Invalid ${option}: ${describeValue(value)}. Valid choices: ${choices.map((c) => JSON.stringify(c)).join(', ')}.`,
  );
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value); // JSON.stringify(NaN) is 'null'
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
