import { LEVEL_COUNT } from './foundation-levels.js';

/**
 * The key_value line's colours, structlog ConsoleRenderer's palette: dim timestamp; level names red+bold
 * (error, critical), yellow+bold (warning), green+bold (info, debug, and trace with them); bold event;
 * cyan keys; magenta values. Each code is pre-encoded once.
 */
export interface AnsiPalette {
  readonly reset: Buffer;
  readonly timestamp: Buffer;
  readonly event: Buffer;
  readonly key: Buffer;
  readonly value: Buffer;
  /** By level index (trace..critical). */
  readonly levels: readonly Buffer[];
}

const ESC = '\u001b[';
const RESET = `${ESC}0m`;
const DIM = `${ESC}2m`;
const BOLD = `${ESC}1m`;
const RED = `${ESC}31m`;
const GREEN = `${ESC}32m`;
const YELLOW = `${ESC}33m`;
const MAGENTA = `${ESC}35m`;
const CYAN = `${ESC}36m`;

export const ANSI_PALETTE: AnsiPalette = Object.freeze({
  reset: Buffer.from(RESET),
  timestamp: Buffer.from(DIM),
  event: Buffer.from(BOLD),
  key: Buffer.from(CYAN),
  value: Buffer.from(MAGENTA),
  levels: Object.freeze(
    [GREEN, GREEN, GREEN, YELLOW, RED, RED].slice(0, LEVEL_COUNT).map((colour) => Buffer.from(colour + BOLD)),
  ),
});

/**
 * Whether to colour: never when `NO_COLOR` is set to anything non-empty (no-color.org); else forced by
 * `FORCE_COLOR` (any value but `0`/`false`, which turn colours off); else only when the destination is
 * a terminal.
 */
export function shouldColor(env: Readonly<Record<string, string | undefined>>, isTty: boolean): boolean {
  const noColor = env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    const word = force.trim().toLowerCase();
    return word !== '0' && word !== 'false';
  }
  return isTty;
}
