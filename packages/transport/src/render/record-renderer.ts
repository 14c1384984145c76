import type { RecordBuffer } from '@sluice/core';
import type { ParsedRecord } from './parsed-record.js';

/** Writes one parsed record, newline included, in a format other than the ring's. */
export interface RecordRenderer {
  render(out: RecordBuffer, record: ParsedRecord): void;
}

/** The formats a record is rendered into from the ring's JSON. */
export type RenderedFormat = 'logfmt' | 'key_value' | 'pretty';
