import type { RecordBuffer, RecordKeys } from '@sluice/core';
import { DEFAULT_VALUE_LIMITS, JsonValueWriter, LogfmtFormat } from '@sluice/core/internal';
import { KeyValueLine } from '@sluice/foundation/internal';
import { levelBucket } from '../ring/ring-layout.js';
import { levelName } from './level-names.js';
import type { ParsedRecord } from './parsed-record.js';
import { PrettyLine } from './pretty-line.js';

/** Writes one parsed record, newline included, in a format other than the ring's. */
export interface RecordRenderer {
  render(out: RecordBuffer, record: ParsedRecord): void;
}

/**
 * logfmt with core's own encoder (LogfmtFormat), so a transcoded line is what core's logfmt format
 * writes for the same call: `level=info time=<iso> msg=... <entries in the JSON line's order>`, each
 * value written from its JSON text by the rule core's logfmt writes its own values with.
 */
export class LogfmtRenderer implements RecordRenderer {
  private readonly format: LogfmtFormat;
  private readonly heads = new Map<number, Buffer>();

  constructor(keys: Readonly<RecordKeys>) {
    this.format = new LogfmtFormat(keys, 'iso', new JsonValueWriter(DEFAULT_VALUE_LIMITS, null));
  }

  render(out: RecordBuffer, record: ParsedRecord): void {
    const format = this.format;
    // Entries first: the scan that reads them also gives the time and message, with no JSON.parse.
    const entries = record.entries;
    let head = this.heads.get(record.level);
    if (head === undefined) {
      head = format.encodeHead(record.level, levelName(record.level));
      this.heads.set(record.level, head);
    }
    out.writeBytes(head);
    if (record.time !== null) format.writeTime(out, record.time);
    if (record.message !== null) format.writeMessage(out, record.message);
    for (const { key, json } of entries) format.writeJsonEntry(out, key, json);
    out.writeBytes(format.tail);
  }
}

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
    keyLimit: DEFAULT_VALUE_LIMITS.objectKeys,
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

export type RenderedFormat = 'logfmt' | 'key_value' | 'pretty';

export function createRenderer(
  format: RenderedFormat,
  keys: Readonly<RecordKeys>,
  colors: boolean,
): RecordRenderer {
  switch (format) {
    case 'logfmt':
      return new LogfmtRenderer(keys);
    case 'key_value':
      return new KeyValueRenderer();
    case 'pretty':
      return new PrettyLine(keys, colors);
  }
}
