import type { GzipTaskLocation } from '../destination/gzip-task-location.js';
import type { RecordShape } from '../layout/record-shape.js';
import type { TargetConfig } from '../target/target-options.js';

/** What the sink worker is started with (structured-cloned into the worker). */
export interface SinkWorkerData {
  control: SharedArrayBuffer;
  rings: SharedArrayBuffer[];
  /** Where records go, each with its own minimum level and format. */
  targets: TargetConfig[];
  /** piscina and the compression task for rotated files, or null (compress with a zlib stream). */
  gzipTask: GzipTaskLocation | null;
  /** Per-target counts for stats() (control/target-counters.ts). */
  targetCounters: SharedArrayBuffer;
  /** This worker's incarnation; it claims rings under this number. */
  generation: number;
  /** How the worker's own records (drop reports) are shaped: the transport's logger options. */
  records: RecordShape;
}

/** Messages the sink worker takes on its ports. */
export type SinkMessage = { type: 'attach'; ring: SharedArrayBuffer } | { type: 'reopen' } | { type: 'stop' };

/** Messages the sink worker sends to the thread that owns the transport. */
export type OwnerMessage =
  | { type: 'ready' }
  /**
   * A target's write failed (once per target and episode), or it was abandoned (`final`: a closed pipe,
   * a bad descriptor); `message` names the target.
   */
  | { type: 'error'; code: string; message: string; target: string; final: boolean }
  | { type: 'warning'; message: string }
  | { type: 'reopened' }
  | { type: 'stopped' };
