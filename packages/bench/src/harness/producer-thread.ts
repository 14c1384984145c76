/**
 * One producer thread of the transport's multi-producer scenario: attaches to the transport through its
 * handle, logs `records` precompiled events carrying its thread number and a sequence number, waits
 * until they are written, and says so.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '@sluice/core';
import { attachTransport, type TransportHandle } from '@sluice/transport';

interface ProducerData {
  handle: TransportHandle;
  thread: number;
  records: number;
}

const { handle, thread, records } = workerData as ProducerData;
const link = attachTransport(handle);
const event = createLogger({ transport: link, base: null }).event('producer record', [
  ['thread', 'integer'],
  ['seq', 'integer'],
] as const);
for (let seq = 0; seq < records; seq++) event.info(thread, seq);
await link.flush();
parentPort?.postMessage('done');
