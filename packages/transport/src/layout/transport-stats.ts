/** What `transport.stats()` reports; counts since the transport started. */
export interface TransportStats {
  /**
   * Records the sink worker (or, below bursts, the thread that logged them) took from the rings and
   * every target has written (each counted once). A
   * record a syslog target holds while its server is down counts as written until that target drops it
   * (`targets[i].recordsHeld` says how many are held).
   */
  recordsWritten: number;
  /** Bytes handed to the destinations, all targets together. */
  bytesWritten: number;
  /**
   * Writes made by the threads that log, of their own records, while the sink worker slept (below
   * burst rates: see the `callerWrites` option); their records are counted in recordsWritten too.
   */
  callerWrites: number;
  /** Records dropped by the full-ring policy, per level name. */
  dropped: Record<string, number>;
  /** Most bytes ever in use at once in this thread's ring, and its capacity. */
  ringHighWater: number;
  ringCapacity: number;
  /** Times the sink worker was restarted after it died. */
  workerRestarts: number;
  writeErrors: number;
  /**
   * Records a destination discarded because it was gone for good (a closed pipe, a bad descriptor) or
   * still failing when the process exited, or a syslog target could not hold for its unreachable server
   * or still held when close() gave up: counted once per target that lost them. With one target,
   * recordsWritten + destinationDropped + the `dropped` counts = records logged.
   */
  destinationDropped: number;
  /**
   * Records the worker rendered in a target format other than the transport's `format`: once per
   * record and distinct format, however many targets share that format.
   */
  recordsRendered: number;
  /**
   * Times the sink worker woke: from its sleep (a producer's notify, a flush, its once-a-second check)
   * or for a clock tick while records stream in. It does not wake between the records of a trickle.
   */
  sinkWakeUps: number;
  /**
   * Rotated files gzipped on the piscina pool, or with a zlib stream in the worker (no piscina on disk),
   * and rotated files waiting for or under compression (flush() does not wait for those).
   */
  filesCompressed: { pool: number; stream: number; pending: number };
  /** Per target, in the order of `targets` (or the one `dest`): see TargetStats. */
  targets: TargetStats[];
}

/**
 * One target's records, as the sink worker counted them (records a logging thread wrote out itself,
 * with no worker running, are not counted here).
 */
export interface TargetStats {
  /** Its name in warnings and errors: `'stdout'`, `'file "/var/log/app.log"'`, `'syslog tcp host:514'`. */
  target: string;
  /**
   * Handed to the operating system: a file write, a socket write or a datagram send the kernel accepted
   * (no syslog protocol here acknowledges receipt).
   */
  recordsDelivered: number;
  /**
   * Discarded by this target: gone for good or failing at exit; for syslog also not held while the
   * server was unreachable (buffer full), refused by the kernel (udp), or still held when close() gave up.
   */
  recordsDropped: number;
  /** Waiting, now, in the target's own buffer for its server to come back (syslog); 0 for the others. */
  recordsHeld: number;
}
