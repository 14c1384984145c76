/** One top-level entry of a JSON object line: its key, and its value as the JSON text it was written as. */
export interface JsonEntry {
  readonly key: string;
  readonly json: string;
}

/**
 * The top-level entries of a JSON object, in the text's order, duplicates included (JSON.parse would
 * reorder integer keys and keep only the last of a duplicate, losing a field named like the message).
 * Values stay JSON text: core's logfmt writes them from that text with the same rule as its own fields.
 * Returns null for anything but one object of entries (a foreign line): scalars and strings are checked,
 * nested values only bounded (see nestedEnd).
 */
export function scanJsonEntries(text: string): JsonEntry[] | null {
  const entries: JsonEntry[] = [];
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) return null;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === CLOSE_BRACE) return skipSpace(text, i + 1) === text.length ? entries : null;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return null;
    const keyEnd = stringEnd(text, i);
    if (keyEnd === -1) return null;
    const key = decodeString(text, i, keyEnd);
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) return null;
    const valueStart = skipSpace(text, i + 1);
    const valueEnd = valueEndAt(text, valueStart);
    if (valueEnd === -1) return null;
    entries.push({ key, json: text.slice(valueStart, valueEnd) });
    i = skipSpace(text, valueEnd);
    const c = text.charCodeAt(i);
    if (c === CLOSE_BRACE) return skipSpace(text, i + 1) === text.length ? entries : null;
    if (c !== COMMA) return null;
    i = skipSpace(text, i + 1);
  }
}

/** Where the JSON value starting at `start` ends, or -1 if it is not one. */
function valueEndAt(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === QUOTE) return stringEnd(text, start);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) return nestedEnd(text, start);
  SCALAR.lastIndex = start;
  return SCALAR.test(text) ? SCALAR.lastIndex : -1;
}

/**
 * The end of an object or array, found by its brackets outside strings. Its text is not parsed: every
 * renderer writes it quoted (logfmt) or parses it itself, so a malformed one cannot break a line.
 */
function nestedEnd(text: string, start: number): number {
  let depth = 0;
  STRUCTURAL.lastIndex = start;
  for (let match = STRUCTURAL.exec(text); match !== null; match = STRUCTURAL.exec(text)) {
    const i = match.index;
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end === -1) return -1;
      STRUCTURAL.lastIndex = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (--depth === 0) {
      return i + 1;
    }
  }
  return -1;
}

/**
 * The index just past the string literal opening at `open`, or -1 when it is not closed: the next quote
 * not escaped by an odd run of backslashes (indexOf, native, rather than a loop over every character).
 */
function stringEnd(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if ((backslashes & 1) === 0) return quote + 1;
    from = quote + 1;
  }
}

function decodeString(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** What nestedEnd stops at: a string's opening quote and the brackets. */
const STRUCTURAL = /["{}[\]]/g;

/** A number, true, false or null, as JSON writes them. */
const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
