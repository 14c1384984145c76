/**
 * One producer thread of the transport's multi-producer scenario: attaches to the transport through its
 * handle, says it is ready, waits for the start signal (so every thread starts logging at once and no
 * thread's start-up is timed), logs `records` precompiled events carrying its thread number and a
 * sequence number, waits until they are written, and says so.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '@sluice/core';
import { attachTransport, type TransportHandle } from '@sluice/transport';

interface ProducerData {
  handle: TransportHandle;
  thread: number;
  records: number;
  /** Int32 cell 0 turns 1 when every thread is ready to log. */
  start: SharedArrayBuffer;
}

const { handle, thread, records, start } = workerData as ProducerData;
const link = attachTransport(handle);
const event = createLogger({ transport: link, base: null }).event('producer record', [
  ['thread', 'integer'],
  ['seq', 'integer'],
] as const);
const startCell = new Int32Array(start);
parentPort?.postMessage('ready');
Atomics.wait(startCell, 0, 0);
for (let seq = 0; seq < records; seq++) event.info(thread, seq);
await link.flush();
parentPort?.postMessage('done');
