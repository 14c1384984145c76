import { priorityOf, severityOf } from './facility.js';
import { Rfc3339Timestamp } from './rfc3339-timestamp.js';
import { encodeStructuredData } from './structured-data.js';
import type { SyslogOptions } from './syslog-options.js';

/** The header fields that are the same for every message of a destination. */
export type HeaderFields = Pick<
  SyslogOptions,
  'facility' | 'hostname' | 'appName' | 'procid' | 'msgid' | 'structuredData' | 'utf8Bom' | 'maxMessageBytes'
>;

/**
 * Encodes one record as an RFC 5424 SYSLOG-MSG:
 * `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [BOM]MSG`.
 * Everything but PRI, TIMESTAMP and MSG is rendered once, at construction.
 */
export class Rfc5424Encoder {
  /** `<PRI>1 ` per severity 0-7: the facility is fixed, so only the severity picks one. */
  private readonly priVersion: Uint8Array[];
  /** ` HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA` */
  private readonly fields: Uint8Array;
  private readonly bom: boolean;
  private readonly timestamp = new Rfc3339Timestamp();
  /** The longest header, BOM and separator included: what a message costs before its MSG. */
  readonly maxHeaderLength: number;
  readonly maxMessageBytes: number;

  constructor(options: HeaderFields) {
    this.priVersion = Array.from({ length: 8 }, (_, severity) =>
      ascii(`<${priorityOf(options.facility, severity)}>${VERSION} `),
    );
    this.fields = ascii(
      ` ${options.hostname} ${options.appName} ${options.procid} ${options.msgid ?? NILVALUE} ` +
        encodeStructuredData(options.structuredData),
    );
    this.bom = options.utf8Bom;
    this.maxMessageBytes = options.maxMessageBytes;
    this.maxHeaderLength =
      MAX_PRI_VERSION_LENGTH +
      Rfc3339Timestamp.MAX_LENGTH +
      this.fields.length +
      1 +
      (this.bom ? BOM.length : 0);
  }

  /** Room `encode` may need for a record of `textLength` bytes: escaping grows a byte to at most 4. */
  maxLength(textLength: number): number {
    return Math.min(this.maxMessageBytes, this.maxHeaderLength + ESCAPED_LENGTH * textLength);
  }

  /**
   * Writes the message for record bytes [start, end) (one formatted line; its trailing '\n' is not part
   * of MSG) at `pos` of `out`, which has `maxLength(end - start)` bytes of room. The message is at most
   * `maxMessageBytes` long: a longer MSG is cut at a character boundary and marked. Returns the end.
   */
  encode(
    out: Uint8Array,
    pos: number,
    text: Uint8Array,
    start: number,
    end: number,
    level: number,
    ms: number,
  ): number {
    const limit = pos + this.maxMessageBytes;
    if (end > start && text[end - 1] === LF) end--;
    const priVersion = this.priVersion[severityOf(level)];
    out.set(priVersion, pos);
    pos = this.timestamp.write(out, pos + priVersion.length, ms);
    out.set(this.fields, pos);
    pos += this.fields.length;
    if (end === start) return pos; // SYSLOG-MSG = HEADER SP STRUCTURED-DATA [SP MSG]: no MSG, no SP
    out[pos++] = SP;
    if (this.bom) {
      out.set(BOM, pos);
      pos += BOM.length;
    }
    const controls = countControls(text, start, end);
    if (end - start + (ESCAPED_LENGTH - 1) * controls > limit - pos) {
      return writeTruncated(out, pos, limit, text, start, end);
    }
    if (controls === 0) {
      // Buffer's copy takes offsets: no subarray view per record.
      return pos + copy.call(text, out, pos, start, end);
    }
    return writeEscaped(out, pos, text, start, end);
  }
}

/**
 * Writes as much of MSG as fits before `limit` with the marker `…[truncated from N bytes]` after it. The
 * cut falls between characters (a UTF-8 lead byte keeps its continuation bytes) and between escapes, so
 * the message stays valid UTF-8 and no partial `#ooo` is left behind.
 */
function writeTruncated(
  out: Uint8Array,
  pos: number,
  limit: number,
  text: Uint8Array,
  start: number,
  end: number,
): number {
  const marker = truncationMarker(end - start);
  const stop = limit - marker.length;
  let i = start;
  while (i < end) {
    const byte = text[i];
    if (isControl(byte)) {
      if (pos + ESCAPED_LENGTH > stop) break;
      pos = writeControlEscape(out, pos, byte);
      i++;
      continue;
    }
    let next = i + 1;
    while (next < end && (text[next] & 0xc0) === UTF8_CONTINUATION) next++;
    if (pos + next - i > stop) break;
    while (i < next) out[pos++] = text[i++];
  }
  out.set(marker, pos);
  return pos + marker.length;
}

export function truncationMarker(msgBytes: number): Uint8Array {
  return Buffer.from(`…[truncated from ${msgBytes} bytes]`, 'utf8');
}

/** Room a message needs beyond its header so that truncation always has space for its marker. */
export const TRUNCATION_ROOM = 64;

/** Writes MSG: control bytes become `#` and three octal digits, as rsyslog escapes them on receipt. */
export function writeEscaped(
  out: Uint8Array,
  pos: number,
  text: Uint8Array,
  start: number,
  end: number,
): number {
  for (let i = start; i < end; i++) {
    const byte = text[i];
    if (isControl(byte)) {
      pos = writeControlEscape(out, pos, byte);
    } else {
      out[pos++] = byte;
    }
  }
  return pos;
}

function writeControlEscape(out: Uint8Array, pos: number, byte: number): number {
  out[pos] = HASH;
  out[pos + 1] = DIGIT_0 + (byte >> 6);
  out[pos + 2] = DIGIT_0 + ((byte >> 3) & 7);
  out[pos + 3] = DIGIT_0 + (byte & 7);
  return pos + 4;
}

export function countControls(text: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if (isControl(text[i])) count++;
  return count;
}

function isControl(byte: number): boolean {
  return byte < 0x20 || byte === 0x7f;
}

const copy = Buffer.prototype.copy as (
  this: Uint8Array,
  target: Uint8Array,
  targetStart: number,
  sourceStart: number,
  sourceEnd: number,
) => number;

function ascii(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

const VERSION = 1;
const NILVALUE = '-';
/** `<191>1 ` */
const MAX_PRI_VERSION_LENGTH = 7;
const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
const ESCAPED_LENGTH = 4;
const LF = 0x0a;
const UTF8_CONTINUATION = 0x80;
const SP = 0x20;
const HASH = 0x23;
const DIGIT_0 = 0x30;
