/** Number formatting for the report table: fixed rules so columns line up and runs diff cleanly. */
import { median } from './stats.js';

/** Placeholder for a value that was not measured or is not a number. */
export const MISSING = '-';

/**
 * Nanoseconds per call with three significant digits for small values: `0.412 ns`, `41.2 ns`, `412 ns`,
 * then microseconds and milliseconds (`4.12 µs`, `4.12 ms`).
 */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return MISSING;
  const abs = Math.abs(ns);
  if (abs < 1_000) return `${threeDigits(ns)} ns`;
  if (abs < 1_000_000) return `${threeDigits(ns / 1_000)} µs`;
  return `${threeDigits(ns / 1_000_000)} ms`;
}

/**
 * Heap bytes per call: two decimals below 10 B (so "0.00" can be told from "0.04"), one below 100,
 * whole bytes above. Negative values are kept: they mean the measurement's noise exceeds the signal.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return MISSING;
  const abs = Math.abs(bytes);
  const text = abs < 10 ? bytes.toFixed(2) : abs < 100 ? bytes.toFixed(1) : bytes.toFixed(0);
  return `${normalizeZero(text)} B`;
}

/** A sluice/pino ratio as a decimal and a fraction: `0.121 (1/8.3)`; above 1, `1.52 (1.5x)`. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value) || value <= 0) return MISSING;
  const fraction = value < 1 ? `1/${oneDecimal(1 / value)}` : `${oneDecimal(value)}x`;
  return `${threeDigits(value)} (${fraction})`;
}

/** An integer with thousands separators: `10,000,000`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return MISSING;
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Three significant digits without exponent notation: 0.00412, 0.412, 4.12, 41.2, 412. */
function threeDigits(value: number): string {
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 100) return normalizeZero(value.toFixed(0));
  // toPrecision rounds 99.96 to "100" (not "100.0"); it switches to exponents only below 1e-6.
  const text = value.toPrecision(3);
  return normalizeZero(text.includes('e') ? value.toFixed(6) : text);
}

function oneDecimal(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** `-0.00` reads as a negative measurement; it is zero after rounding. */
function normalizeZero(text: string): string {
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * Figures measured once per round: the median, then the lowest and highest in brackets
 * (`2.10 µs [2.00 µs-2.20 µs]`); one figure alone; MISSING when none is finite.
 */
export function formatSpread(values: readonly number[], format: (value: number) => string): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return MISSING;
  if (finite.length === 1) return format(finite[0]);
  return `${format(median(finite))} [${format(Math.min(...finite))}-${format(Math.max(...finite))}]`;
}
