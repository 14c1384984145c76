/**
 * DESIGN.md's zero-allocation criterion: a precompiled event logs 10 million records (1 million with
 * `--quick`) with no scavenge. Counts every GC of the caller's thread in the window with v8.GCProfiler
 * and the heap bytes allocated (see observeGc): to a NullSink without a timestamp and with the default
 * clock (`Date.now()` per record), and through @sluice/transport (the event deferred to the sink worker
 * in binary, the time from the worker's shared clock) to /dev/null. Reports what it measures; it asserts
 * nothing.
 */
import { createLogger, type LoggerOptions, NullSink } from '@sluice/core';
import { createTransport } from '@sluice/transport';
import { REFERENCE_MESSAGE, REFERENCE_SCHEMA } from '../../fixtures/reference-record.js';
import { LOOP_SOURCE_URL } from '../../harness/fresh-loop.js';
import { collectGarbage, observeGc } from '../../harness/gc.js';
import { reportResult, type ZeroAllocRun } from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';

/** Records logged before the window, so the event and the driver loop are optimised first. */
const WARMUP_RECORDS = 200_000;

/** Where a mode's records go, and how many got there. */
interface Target {
  readonly options: Pick<LoggerOptions, 'destination' | 'transport'>;
  written(): Promise<number>;
  close(): Promise<void>;
}

interface Mode {
  readonly label: string;
  readonly timestamp: LoggerOptions['timestamp'];
  open(): Promise<Target>;
}

async function nullSink(): Promise<Target> {
  const sink = new NullSink();
  return { options: { destination: sink }, written: async () => sink.records, close: async () => {} };
}

async function transportToDevNull(): Promise<Target> {
  // A ring large enough that the caller rarely waits for the worker.
  const transport = createTransport({ dest: '/dev/null', ringBytes: 64 * 1024 * 1024 });
  await transport.ready;
  return {
    options: { transport },
    written: async () => {
      await transport.flush();
      return transport.stats().recordsWritten;
    },
    close: () => transport.close(),
  };
}

const MODES: readonly Mode[] = [
  { label: 'NullSink, timestamp: false', timestamp: false, open: nullSink },
  { label: 'NullSink, default clock (Date.now() per record)', timestamp: undefined, open: nullSink },
  {
    label: 'transport to /dev/null (deferred, shared clock)',
    timestamp: undefined,
    open: transportToDevNull,
  },
];

type ReferenceInfo = (iteration: number, batch: string, userId: number, success: boolean) => void;
type Driver = (event: { info: ReferenceInfo }, n: number) => void;

/**
 * A new loop for each mode, so its call site sees one event method only (see harness/fresh-loop.ts).
 * The iteration is the loop index: a small integer, never a heap number.
 */
function freshDriver(): Driver {
  return new Function(
    'event',
    'n',
    `for (let i = 0; i < n; i++) event.info(i, 'performance_test', 12345, true);${LOOP_SOURCE_URL}`,
  ) as Driver;
}

async function runMode(mode: Mode, records: number): Promise<ZeroAllocRun> {
  const target = await mode.open();
  const log = createLogger({ ...target.options, timestamp: mode.timestamp });
  const event = log.event(REFERENCE_MESSAGE, REFERENCE_SCHEMA);
  const drive = freshDriver();
  drive(event, WARMUP_RECORDS);
  drive(event, WARMUP_RECORDS);
  const before = await target.written();
  collectGarbage();
  const start = process.hrtime.bigint();
  const activity = await observeGc(() => drive(event, records));
  const elapsedNs = Number(process.hrtime.bigint() - start);
  const written = (await target.written()) - before;
  await target.close();
  if (written !== records) throw new Error(`zero-alloc: ${written} records written, expected ${records}`);
  return {
    label: mode.label,
    records,
    scavenges: activity.scavenges,
    otherGcs: activity.otherGcs,
    allocatedBytes: activity.allocatedBytes,
    bytesPerRecord: activity.allocatedBytes / records,
    nsPerRecord: elapsedNs / records,
  };
}

const records = settingsFromArgv().zeroAllocRecords;
const runs: ZeroAllocRun[] = [];
for (const mode of MODES) runs.push(await runMode(mode, records));
await reportResult({
  kind: 'zero-alloc',
  name: 'zero-alloc',
  description: `${records.toLocaleString('en-US')} precompiled reference-record events per mode; the caller's GCs counted with v8.GCProfiler`,
  runs,
});
