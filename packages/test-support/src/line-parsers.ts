import assert from 'node:assert/strict';

/**
 * Strict readers for the text formats (core's logfmt, foundation's key_value), written from the
 * formats' documented rules (not from sluice's writers), so a property test can read every key and
 * string value of a line back exactly. They throw on anything the format does not allow, so a
 * malformed line fails the test that reads it.
 */

export type Pair = readonly [key: string, value: string];

/** C0 controls and ESC: none may appear raw in any format (the record's own trailing newline aside). */
const RAW_CONTROL = /[\u0000-\u001f]/;

/**
 * The invariants every line of every format keeps: one record, ending in its only newline, no raw
 * control character (so no ANSI escape reaches a terminal), valid UTF-16 (so valid UTF-8 on disk).
 */
export function assertOneCleanLine(lines: readonly string[], what: string): string {
  assert.equal(
    lines.length,
    1,
    `${what}: expected one record, got ${lines.length}: ${shown(lines.join(''))}`,
  );
  const line = lines[0];
  assert.ok(line.endsWith('\n'), `${what}: the record ends with a newline`);
  const body = line.slice(0, -1);
  assert.equal(RAW_CONTROL.test(body), false, `${what}: raw control character in ${shown(line)}`);
  assert.ok(body.isWellFormed(), `${what}: lone surrogate written raw in ${shown(line)}`);
  return body;
}

/** A line as a JSON string literal, cut to a readable length for a failure message. */
function shown(line: string): string {
  const text = JSON.stringify(line);
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

/**
 * logfmt as sluice documents it: `key=value` pairs one space apart; a value is bare (no space, `=` or
 * `"`) or a double-quoted JSON string literal (escapes as in JSON).
 */
export function parseLogfmtPairs(body: string): Pair[] {
  const pairs: Pair[] = [];
  let i = 0;
  while (i < body.length) {
    const eq = body.indexOf('=', i);
    assert.ok(eq > i, `logfmt: a key at ${i} of ${JSON.stringify(body)}`);
    const key = body.slice(i, eq);
    assert.doesNotMatch(key, /[ "]/, `logfmt: key ${JSON.stringify(key)}`);
    let end: number;
    let value: string;
    if (body[eq + 1] === '"') {
      end = closingQuote(body, eq + 1, '"');
      value = JSON.parse(body.slice(eq + 1, end + 1)) as string;
      end++;
    } else {
      end = body.indexOf(' ', eq + 1);
      if (end === -1) end = body.length;
      value = body.slice(eq + 1, end);
      assert.doesNotMatch(value, /[="]/, `logfmt: bare value ${JSON.stringify(value)}`);
    }
    pairs.push([key, value]);
    if (end < body.length) assert.equal(body[end], ' ', `logfmt: a space after ${key}'s value`);
    i = end + 1;
  }
  return pairs;
}

/**
 * The `key=value` pairs of a key_value (structlog console) line, after the event. A value is one of:
 * Python-repr quoted text ('...' or "...", backslash escapes), JSON text for objects and arrays, or a
 * bare token without spaces.
 */
export function parseKeyValuePairs(text: string): Pair[] {
  const pairs: Pair[] = [];
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    assert.ok(eq > i, `key_value: a key at ${i} of ${JSON.stringify(text)}`);
    const key = text.slice(i, eq);
    assert.doesNotMatch(key, / /, `key_value: key ${JSON.stringify(key)}`);
    const start = eq + 1;
    const first = text[start];
    let end: number;
    let value: string;
    if (first === "'" || first === '"') {
      end = closingQuote(text, start, first) + 1;
      value = unescapePythonRepr(text.slice(start + 1, end - 1));
    } else {
      end = first === '{' || first === '[' ? jsonEnd(text, start) : -1;
      if (end === -1) {
        end = text.indexOf(' ', start);
        if (end === -1) end = text.length;
      }
      value = text.slice(start, end);
    }
    pairs.push([key, value]);
    if (end < text.length) assert.equal(text[end], ' ', `key_value: a space after ${key}'s value`);
    i = end + 1;
  }
  return pairs;
}

/**
 * Where the JSON text starting at `start` ends, if it is JSON followed by a space or the end; else -1
 * (a bare string such as `[` is written raw, and what follows it need not be JSON).
 */
function jsonEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = findClosingQuote(text, i, '"');
      if (i === -1) return -1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        const end = i + 1;
        if (end !== text.length && text[end] !== ' ') return -1;
        try {
          JSON.parse(text.slice(start, end));
          return end;
        } catch {
          return -1;
        }
      }
    }
  }
  return -1;
}

const PYTHON_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** Python repr's escapes: \n \r \t \\ \' \" \xHH \uHHHH. */
export function unescapePythonRepr(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = text[++i];
    if (e in PYTHON_SHORT_ESCAPES) out += PYTHON_SHORT_ESCAPES[e];
    else if (e === 'x') {
      out += String.fromCharCode(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === 'u') {
      out += String.fromCharCode(Number.parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else assert.fail(`key_value: unknown escape \\${e} in ${JSON.stringify(text)}`);
  }
  return out;
}

/** Index of the quote closing the one at `open`, skipping backslash escapes. */
function closingQuote(text: string, open: number, quote: string): number {
  const close = findClosingQuote(text, open, quote);
  return close !== -1 ? close : assert.fail(`unterminated ${quote} at ${open} in ${JSON.stringify(text)}`);
}

/** The same search, -1 when the quote is not closed. */
function findClosingQuote(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}
