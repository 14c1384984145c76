import { ScratchBuffer } from '../buffer/scratch-buffer.js';
import type { JsonValueWriter } from '../json/json-value-writer.js';
import { safeString } from '../value/safe-string.js';

/**
 * printf-style message formatting, as util.format and pino do it: `%s %d %i %f %j %o %O %%`. A
 * placeholder without an argument stays as written; arguments left over are appended, space separated.
 * Objects render as JSON through the hostile-value-safe writer, so formatting never throws.
 */
export function formatMessage(template: string, args: readonly unknown[], values: JsonValueWriter): string {
  let result = '';
  let next = 0;
  let last = 0;
  for (let i = template.indexOf('%'); i !== -1 && i < template.length - 1; i = template.indexOf('%', i)) {
    const code = template.charCodeAt(i + 1);
    if (code === PERCENT) {
      result += template.slice(last, i) + '%';
      last = i += 2;
      continue;
    }
    if (!PLACEHOLDERS.has(code) || next >= args.length) {
      i++;
      continue;
    }
    result += template.slice(last, i) + formatPlaceholder(code, args[next++], values);
    last = i += 2;
  }
  result += template.slice(last);
  for (; next < args.length; next++) result += ` ${formatLeftover(args[next], values)}`;
  return result;
}

/** A message built from a non-string first argument and/or leftover arguments. */
export function joinArguments(args: readonly unknown[], values: JsonValueWriter): string {
  let result = '';
  for (let i = 0; i < args.length; i++) result += (i === 0 ? '' : ' ') + formatLeftover(args[i], values);
  return result;
}

function formatPlaceholder(code: number, arg: unknown, values: JsonValueWriter): string {
  try {
    switch (code) {
      case LETTER_S:
        return typeof arg === 'object' && arg !== null ? toJsonText(arg, values) : safeString(arg);
      case LETTER_D:
        return typeof arg === 'bigint' ? `${arg}n` : typeof arg === 'object' ? 'NaN' : String(Number(arg));
      case LETTER_I:
        return typeof arg === 'bigint' ? `${arg}n` : String(Number.parseInt(safeString(arg), 10));
      case LETTER_F:
        return String(Number.parseFloat(safeString(arg)));
      default: // %j %o %O
        return toJsonText(arg, values);
    }
  } catch {
    return toJsonText(arg, values);
  }
}

function formatLeftover(arg: unknown, values: JsonValueWriter): string {
  return typeof arg === 'string'
    ? arg
    : typeof arg === 'object' && arg !== null
      ? toJsonText(arg, values)
      : safeString(arg);
}

function toJsonText(value: unknown, values: JsonValueWriter): string {
  return JSON_TEXT_SCRATCH.text((out) => values.writeValue(out, value, 0, null));
}

const JSON_TEXT_SCRATCH = new ScratchBuffer();

const PERCENT = 0x25;
const LETTER_S = 0x73;
const LETTER_D = 0x64;
const LETTER_I = 0x69;
const LETTER_F = 0x66;
const LETTER_J = 0x6a;
const LETTER_O = 0x6f;
const LETTER_CAPITAL_O = 0x4f;
const PLACEHOLDERS = new Set([LETTER_S, LETTER_D, LETTER_I, LETTER_F, LETTER_J, LETTER_O, LETTER_CAPITAL_O]);
