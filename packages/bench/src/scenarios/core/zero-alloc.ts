/**
 * DESIGN.md's zero-allocation criterion: a precompiled event logs 10 million records (1 million with
 * `--quick`) to a NullSink with no scavenge. Counts every GC in the window with v8.GCProfiler and the
 * heap bytes allocated (see observeGc), once without a timestamp and once with the default clock
 * (`Date.now()` per record). Reports what it measures; it asserts nothing.
 */
import { createLogger, type LoggerOptions, NullSink } from '@sluice/core';
import { SEED_MESSAGE, SEED_SCHEMA } from '../../fixtures/seed-payload.js';
import { LOOP_SOURCE_URL } from '../../harness/fresh-loop.js';
import { collectGarbage, observeGc } from '../../harness/gc.js';
import { reportResult, type ZeroAllocRun } from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';

/** Records logged before the window, so the event and the driver loop are optimised first. */
const WARMUP_RECORDS = 200_000;

interface Mode {
  readonly label: string;
  readonly timestamp: LoggerOptions['timestamp'];
}

const MODES: readonly Mode[] = [
  { label: 'timestamp: false', timestamp: false },
  { label: 'default clock (epoch ms, Date.now() per record)', timestamp: undefined },
];

type SeedInfo = (iteration: number, batch: string, userId: number, success: boolean) => void;
type Driver = (event: { info: SeedInfo }, n: number) => void;

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
  const sink = new NullSink();
  const log = createLogger({ destination: sink, timestamp: mode.timestamp });
  const event = log.event(SEED_MESSAGE, SEED_SCHEMA);
  const drive = freshDriver();
  drive(event, WARMUP_RECORDS);
  drive(event, WARMUP_RECORDS);
  const before = sink.records;
  collectGarbage();
  const start = process.hrtime.bigint();
  const activity = await observeGc(() => drive(event, records));
  const elapsedNs = Number(process.hrtime.bigint() - start);
  const written = sink.records - before;
  if (written !== records) throw new Error(`zero-alloc: ${written} records committed, expected ${records}`);
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
  description: `${records.toLocaleString('en-US')} precompiled seed events to a NullSink; minor GCs counted with v8.GCProfiler`,
  runs,
});
