import type { JsonValueWriter } from '../json/json-value-writer.js';
import type { TimestampMode } from '../time/timestamp.js';
import { JsonFormat } from './json-format.js';
import { LogfmtFormat } from './logfmt-format.js';
import type { FormatName, RecordFormat, RecordKeys } from './record-format.js';

/** The encoder for a format name (already validated against FORMAT_NAMES). */
export function createRecordFormat(
  name: FormatName,
  keys: Readonly<RecordKeys>,
  timestamp: TimestampMode,
  values: JsonValueWriter,
  baseKeys: readonly string[],
): RecordFormat {
  return name === 'logfmt'
    ? new LogfmtFormat(keys, timestamp, values, baseKeys)
    : new JsonFormat(keys, timestamp, values, baseKeys);
}
