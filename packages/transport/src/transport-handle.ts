import { SluiceConfigError } from '@sluice/core';
import type { RecordShape } from './layout/record-shape.js';
import { ATTACHED } from './layout/ring-layout.js';
import { ProducerLink } from './producer-link.js';
import type { ProducerOptions } from './ring/ring-producer.js';
import type { TargetConfig } from './target/target-options.js';

/**
 * What another thread needs to log into a transport: shared memory and plain data only, so it can go
 * in `workerData` or a task's arguments as is (no transferList).
 */
export interface TransportHandle {
  readonly kind: 'sluice-transport-handle';
  readonly control: SharedArrayBuffer;
  /** One ring per thread that may attach; each attaching thread claims a free one. */
  readonly rings: readonly SharedArrayBuffer[];
  /** Where records go: a thread writes its own ring to them when no sink worker runs. */
  readonly targets: readonly TargetConfig[];
  /** The shape of the transport's own records (a drop report written by a thread itself). */
  readonly records: RecordShape;
  readonly producer: Readonly<ProducerOptions & { exitTimeoutMs: number }>;
}

/**
 * Connects this thread to a transport created elsewhere: `createLogger({ transport: attachTransport(h) })`.
 * Claims one of the handle's rings; when this thread exits, its records are drained and the ring is
 * released for another thread.
 */
export function attachTransport(handle: TransportHandle): ProducerLink {
  if (handle?.kind !== 'sluice-transport-handle') {
    throw new SluiceConfigError('attachTransport() takes the object returned by transport.handle().');
  }
  for (const ring of handle.rings) {
    const header = new Int32Array(ring, 0, 64);
    if (Atomics.compareExchange(header, ATTACHED, 0, 1) !== 0) continue;
    const link = new ProducerLink(handle.control, ring, handle.targets, handle.records, handle.producer);
    process.once('exit', () => Atomics.store(header, ATTACHED, 0));
    return link;
  }
  throw new SluiceConfigError(
    `All ${handle.rings.length} rings of this transport handle are in use: create it with transport.handle({ threads: n }) for n threads.`,
  );
}
