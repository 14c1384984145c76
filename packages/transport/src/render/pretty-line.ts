import type { RecordBuffer, RecordKeys } from '@sluice/core';
import { levelBucket } from '../layout/level-buckets.js';
import type { ParsedRecord } from './parsed-record.js';
import type { RecordRenderer } from './record-renderer.js';

/**
 * A line for a developer's terminal:
 *
 *   `16:21:15.123 INFO  server listening port=3000 host=localhost`
 *
 * local time, the level in a coloured column 5 wide, the message, then the fields as `key=value`
 * (strings bare when they have no spaces, else quoted; objects as JSON; `pid` and `hostname`, the same
 * on every line, left out). Errors (an object with a
 * string `stack`, as pino serializes them) are printed after the line, indented by four spaces, their
 * frames by eight. Every control character of a message, key or value is escaped (`\n`, `\u001b`), so text
 * from a record can neither start a line that looks like another record nor drive the terminal; the
 * only line breaks are the indented stack lines.
 */
export class PrettyLine implements RecordRenderer {
  private readonly labels: readonly string[];
  private readonly errorKey: string;

  constructor(
    keys: Readonly<RecordKeys>,
    private readonly colors: boolean,
  ) {
    this.errorKey = keys.error;
    this.labels = LABELS.map((label, i) =>
      colors ? `${LEVEL_COLORS[i]}${label.padEnd(5)}${RESET}` : label.padEnd(5),
    );
  }

  render(out: RecordBuffer, record: ParsedRecord): void {
    const colors = this.colors;
    let line = record.time === null ? '' : `${paint(colors, DIM, clockTime(record.time))} `;
    line += this.labels[levelBucket(record.level)];
    if (record.message !== null) line += ` ${paint(colors, BOLD, escapeText(record.message))}`;
    let errors = '';
    for (const key of Object.keys(record.fields)) {
      if (key === 'pid' || key === 'hostname') continue; // the same on every line of a dev terminal
      const value = record.fields[key];
      if (value === undefined) continue; // the record's own keys, already shown
      if (isSerializedError(value)) {
        errors += this.renderError(key, value);
        continue;
      }
      line += ` ${paint(colors, CYAN, escapeText(key))}=${renderValue(value)}`;
    }
    out.writeUtf8(`${line}\n${errors}`);
  }

  /** `    err: TypeError: boom` then the stack's frames, each indented. */
  private renderError(key: string, error: SerializedError): string {
    const stack = error.stack.split('\n').map((frame) => escapeText(frame));
    const { type: _type, message: _message, stack: _stack, ...extra } = error;
    const more = Object.keys(extra).length === 0 ? '' : ` ${escapeText(safeJson(extra))}`;
    const name = key === this.errorKey ? '' : `${escapeText(key)}: `;
    let text = `    ${name}${paint(this.colors, RED, stack[0])}${more}\n`;
    for (let i = 1; i < stack.length; i++) text += `        ${paint(this.colors, DIM, stack[i].trim())}\n`;
    return text;
  }
}

interface SerializedError {
  type?: unknown;
  message?: unknown;
  stack: string;
  [key: string]: unknown;
}

function isSerializedError(value: unknown): value is SerializedError {
  return (
    typeof value === 'object' && value !== null && typeof (value as { stack?: unknown }).stack === 'string'
  );
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') {
    return value !== '' && !NEEDS_QUOTES.test(value) ? value : escapeText(JSON.stringify(value));
  }
  return escapeText(safeJson(value));
}

function safeJson(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Escapes C0 and C1 controls, DEL and the Unicode line separators (JSON has already done C0 in JSON text). */
export function escapeText(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROL_ALL, escapeChar) : text;
}

function escapeChar(c: string): string {
  const short = SHORT_ESCAPES[c];
  return short ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function clockTime(ms: number): string {
  const date = new Date(ms);
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function paint(colors: boolean, color: string, text: string): string {
  return colors ? `${color}${text}${RESET}` : text;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NEEDS_QUOTES = /[\s"=\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const LABELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
const RESET = '\u001b[0m';
const DIM = '\u001b[2m';
const BOLD = '\u001b[1m';
const RED = '\u001b[31m';
const CYAN = '\u001b[36m';
/** trace grey, debug blue, info green, warn yellow, error red, fatal white on red. */
const LEVEL_COLORS = ['\u001b[90m', '\u001b[34m', '\u001b[32m', '\u001b[33m', '\u001b[31m', '\u001b[41;37m'];

/**
 * Colours on a terminal or when FORCE_COLOR asks for them; never when NO_COLOR is set (no-color.org).
 */
export function prettyColors(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY;
}
