/**
 * Ten producer threads logging into one transport at once (each through its own ring, from
 * `transport.handle({ threads: 10 })`): total throughput from the moment all ten start logging (each
 * has started, loaded its modules and attached first) to the last record written, and an exact count
 * of what arrived, with per-thread order checked.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createTransport } from '@sluice/transport';
import { reportResult } from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';
import { droppedByTransport } from '../../harness/transport-contenders.js';

const THREADS = 10;
const quick = settingsFromArgv().quick;
const perThread = quick ? 20_000 : 200_000;

const dir = mkdtempSync(join(tmpdir(), 'sluice-producers-'));
const file = join(dir, 'records.log');
const transport = createTransport({ dest: file, append: false });
await transport.ready;
const handle = transport.handle({ threads: THREADS });
const script = new URL('../../harness/producer-thread.js', import.meta.url);

// The threads start, load their modules and attach first, untimed; then all start logging at once.
const startCell = new Int32Array(new SharedArrayBuffer(4));
const threads = Array.from({ length: THREADS }, (_, thread) => {
  const worker = new Worker(script, {
    workerData: { handle, thread, records: perThread, start: startCell.buffer },
  });
  const message = (expected: string) =>
    new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (got) => (got === expected ? resolve() : reject(new Error(`got ${got}`))));
    });
  return { ready: message('ready'), done: () => message('done') };
});
await Promise.all(threads.map((thread) => thread.ready));
const finished = Promise.all(threads.map((thread) => thread.done()));
const start = performance.now();
Atomics.store(startCell, 0, 1);
Atomics.notify(startCell, 0);
await finished;
await transport.flush();
const elapsedMs = performance.now() - start;
await transport.close();
const dropped = droppedByTransport(transport);

// Count exactly: every thread's sequence must arrive complete and in order.
const next = new Array<number>(THREADS).fill(0);
let delivered = 0;
let outOfOrder = 0;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line === '') continue;
  const record = JSON.parse(line) as { thread?: number; seq?: number };
  if (record.thread === undefined || record.seq === undefined) continue;
  if (record.seq !== next[record.thread]) outOfOrder++;
  next[record.thread] = record.seq + 1;
  delivered++;
}
rmSync(dir, { recursive: true, force: true });

await reportResult({
  kind: 'producers',
  name: 'producers-10',
  description: `${THREADS} worker threads x ${perThread.toLocaleString('en-US')} precompiled events into one transport, to a file`,
  threads: THREADS,
  logged: THREADS * perThread,
  delivered,
  dropped,
  outOfOrder,
  recordsPerSecond: delivered / (elapsedMs / 1000),
});
