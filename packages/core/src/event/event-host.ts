import type { RecordFormat, RecordKeys } from '../format/record-format.js';
import type { LevelTable } from '../levels/levels.js';
import type { Redaction, RedactNode } from '../redact/redaction.js';
import type { RecordSink } from '../sink/record-sink.js';
import type { Clock, TimestampMode } from '../time/timestamp.js';
import type { ValueLimits } from '../value/value-limits.js';

/**
 * What compiling an event reads from the logger tree that defines it (a LoggerTreeState is one): named
 * here so that event/ sits below logger/, which calls it.
 */
export interface EventHost {
  readonly levels: Pick<LevelTable, 'names' | 'valueOf'>;
  readonly format: RecordFormat;
  readonly values: { readonly limits: Readonly<ValueLimits> };
  readonly sink: RecordSink;
  readonly clock: Clock;
  readonly timestamp: TimestampMode;
  readonly keys: Readonly<RecordKeys>;
  readonly redaction: Redaction | null;
  readonly redactRoot: RedactNode | null;
  /** The pre-encoded opening of a record at `levelValue`. */
  headFor(levelValue: number): Buffer;
}
