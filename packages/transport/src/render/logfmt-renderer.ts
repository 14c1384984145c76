import type { RecordBuffer, RecordKeys } from '@sluice/core';
import { DEFAULT_VALUE_LIMITS, JsonValueWriter, LogfmtFormat } from '@sluice/core/internal';
import { levelName } from './level-name.js';
import type { ParsedRecord } from './parsed-record.js';
import type { RecordRenderer } from './record-renderer.js';

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
