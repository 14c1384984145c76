import type { FormatName, RecordKeys, TimestampMode } from '@sluice/core';

/** How the transport's own records (drop reports, cut records) are shaped: the transport's logger options. */
export interface RecordShape {
  format: FormatName;
  timestamp: TimestampMode;
  keys: Partial<RecordKeys>;
  /** undefined: the default `{ pid, hostname }`. */
  base: Record<string, unknown> | null | undefined;
  name: string | undefined;
}
