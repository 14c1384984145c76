import type { RecordBuffer } from '@sluice/core';
import { DEFAULT_VALUE_LIMITS, JsonValueWriter } from '@sluice/core/internal';
import { KeyValueLine } from '@sluice/foundation/internal';
import { levelBucket } from '../layout/level-buckets.js';
import type { ParsedRecord } from './parsed-record.js';
import type { RecordRenderer } from './record-renderer.js';

/**
 * provide.foundation's structlog console line, with core's foundation encoder (KeyValueLine): local
 * timestamp, `[level    ]`, the message padded to 30, then the fields sorted by key. pino's levels map
 * to foundation's by range (warn is `warning`, fatal is `critical`).
 */
export class KeyValueRenderer implements RecordRenderer {
  private readonly line = new KeyValueLine({
    values: new JsonValueWriter(DEFAULT_VALUE_LIMITS, null),
    redaction: null,
    prefix: null,
    loggerNameEmoji: null,
    serviceName: null,
    omitTimestamp: false,
    colors: false,
  });
  private readonly encoding = this.line.encodeLogger('');

  render(out: RecordBuffer, record: ParsedRecord): void {
    this.line.write(
      out,
      levelBucket(record.level),
      record.message ?? '',
      record.fields,
      this.encoding,
      record.time ?? Date.now(),
    );
  }
}
