import type { TargetCounters } from '../control/target-counters.js';
import type { RecordDestination } from '../destination/record-destination.js';

/** One output of the worker, with whether its destination currently refuses writes. */
export interface WorkerTarget {
  destination: RecordDestination;
  failing: boolean;
  /** Its `recordsDropped` as the last completed release saw it. */
  droppedSeen: number;
  /** A failure was reported for this episode (reported again after it recovers). */
  reported: boolean;
  /** Its counts in stats().targets. */
  counters: TargetCounters;
  /** Its position in the targets, and why it last could not deliver: the exit report names both. */
  index: number;
  lastError: Error | null;
}
