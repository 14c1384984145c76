/** What `transport.stats()` reports; counts since the transport started. */
export interface TransportStats {
  /** Records the sink worker took from the rings and every target has written (each counted once). */
  recordsWritten: number;
  /** Bytes handed to the destinations, all targets together. */
  bytesWritten: number;
  /** Records dropped by the full-ring policy, per level name. */
  dropped: Record<string, number>;
  /** Most bytes ever in use at once in this thread's ring, and its capacity. */
  ringHighWater: number;
  ringCapacity: number;
  /** Times the sink worker was restarted after it died. */
  workerRestarts: number;
  writeErrors: number;
  /**
   * Records the worker rendered in a target format other than the transport's `format`: once per
   * record and distinct format, however many targets share that format.
   */
  recordsRendered: number;
  /** Rotated files gzipped on the piscina pool, or with a zlib stream in the worker (no piscina on disk). */
  filesCompressed: { pool: number; stream: number };
}
