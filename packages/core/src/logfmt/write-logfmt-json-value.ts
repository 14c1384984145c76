import type { RecordBuffer } from '../buffer/record-buffer.js';
import { writeLogfmtString } from './write-logfmt-string.js';

/**
 * Writes, as a logfmt value, one JSON value as core's JSON writer wrote it: a string as the string
 * itself, a number or boolean bare, null as an empty value, an object or array as its JSON text quoted.
 * logfmt says what JSON says for the same field, whether the value comes from the caller (core's logfmt
 * format) or from a JSON line (a transport's logfmt target).
 */
export function writeLogfmtJsonValue(out: RecordBuffer, json: string): void {
  switch (json.charCodeAt(0)) {
    case QUOTE:
      // Most strings have no escape: their text between the quotes is the string itself.
      writeLogfmtString(out, json.includes('\\') ? (JSON.parse(json) as string) : json.slice(1, -1));
      return;
    case OPEN_BRACE:
    case OPEN_BRACKET:
      writeLogfmtString(out, json);
      return;
    default:
      // null is an empty value (`key=`), which logfmt readers take as null.
      if (json !== 'null') out.writeAscii(json);
  }
}

const QUOTE = 0x22;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
