import { RECORD_ABANDONED, type RecordSink } from '@sluice/core';

/**
 * Writing a line another logger already formatted (pino, winston, bunyan, a stream) as one record: the
 * RecordSink protocol (`begin`, write into `sink.out`, `commit`) for text that needs no encoding.
 *
 * Every record ends with a newline (appended when the text lacks one), so anything the sink writes
 * between records, such as the worker's drop reports, starts on a line of its own.
 *
 * Both return false when the sink's full-ring policy dropped the record (it was counted); they never
 * throw RECORD_ABANDONED. Call them on the thread that owns the sink.
 */

/** Writes `line` (UTF-16 text) as one record at `level`, straight into the sink's buffer. */
export function writePreformattedLine(sink: RecordSink, line: string, level: number): boolean {
  const out = sink.out;
  out.start = out.pos;
  if (!sink.begin(level)) return false;
  const length = line.length;
  try {
    // utf8Write needs room for the worst case, 3 bytes per UTF-16 unit. A long line measures its exact
    // length instead, so a 20 KB line is not taken for one too large for a 64 KiB ring (half of it),
    // nor waits for three times the room it needs.
    out.ensure((length <= EXACT_LENGTH_ABOVE ? length * 3 : Buffer.byteLength(line)) + 1);
    let pos = out.pos + out.bytes.utf8Write(line, out.pos);
    if (length === 0 || line.charCodeAt(length - 1) !== NEWLINE) out.bytes[pos++] = NEWLINE;
    out.pos = pos;
  } catch (failure) {
    if (failure === RECORD_ABANDONED) return false;
    throw failure;
  }
  sink.commit(level);
  return true;
}

/** Writes `bytes[start, end)` (UTF-8) as one record at `level`. */
export function writePreformattedLineBytes(
  sink: RecordSink,
  bytes: Buffer,
  start: number,
  end: number,
  level: number,
): boolean {
  const out = sink.out;
  out.start = out.pos;
  if (!sink.begin(level)) return false;
  const length = end - start;
  try {
    out.ensure(length + 1);
    const dst = out.bytes;
    let pos = out.pos;
    // Buffer#copy takes the range itself: no subarray view per line.
    pos += bytes.copy(dst, pos, start, end);
    if (length === 0 || bytes[end - 1] !== NEWLINE) dst[pos++] = NEWLINE;
    out.pos = pos;
  } catch (failure) {
    if (failure === RECORD_ABANDONED) return false;
    throw failure;
  }
  sink.commit(level);
  return true;
}

const NEWLINE = 0x0a;

/**
 * Up to this many UTF-16 units the worst-case estimate is used; beyond it, one `Buffer.byteLength` call
 * is cheap next to copying the line.
 */
const EXACT_LENGTH_ABOVE = 2048;
