/**
 * How many records end in bytes [start, end) of formatted output: newlines not followed by an indented
 * line (a pretty record's error stack continues on lines that start with spaces; JSON and logfmt records
 * are one line each). The last newline of the range ends a record: only whole records are ever sent.
 */
export function countRecordEnds(bytes: Uint8Array, start: number, end: number): number {
  const range = bytes.subarray(start, end);
  const last = range.length - 1;
  let records = 0;
  for (let at = range.indexOf(NEWLINE); at !== -1; at = range.indexOf(NEWLINE, at + 1)) {
    if (at === last || range[at + 1] !== SPACE) records++;
  }
  return records;
}

const NEWLINE = 0x0a;
const SPACE = 0x20;
