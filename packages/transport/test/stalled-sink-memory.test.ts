import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  assertNoDuplicatesInOrder,
  droppedByReports,
  isDropReport,
  LONG,
  lastJsonLine,
  readRecords,
  runFixture,
  tempDir,
} from './support/records.js';

// A sink stalled behind a reader that does not read, while 4 producer threads log flat out with the
// 'drop' policy: memory stays bounded by the rings (which fill and stay full), and every record is
// either delivered or counted in a drop report. The reader stays away for longer than the producers'
// stallTimeoutMs after they stop and flush: a worker waiting on its writes is alive, not hung, and no
// producer may take its ring over (two writers on one pipe tear lines and write records twice).

const STALL_S = LONG ? 30 : 3;
/** The reader's wait past the stall: beyond the producers' default stallTimeoutMs of 2 s. */
const READER_LATE_S = 4;
/** Small rings, so that even a loaded machine's producers fill them within the stall and drop. */
const RING_BYTES = 256 * 1024;
const PRODUCERS = 4;
/**
 * What RSS may grow by besides the rings: the sink worker's batches in flight (256 KiB), the young
 * generations of 5 V8 isolates growing to their size under a flat-out allocation rate (~45 MiB
 * measured alone, 68.9 MiB once beside two CPU hogs and the rest of the suite), malloc arenas. A leak
 * per record (millions of records a second here) passes it at once; the plateau below is the finer check.
 */
const CONSTANT_BYTES = 96 * 1024 * 1024;
/** Once the rings are full nothing grows: what the last third of the stall may add (GC noise). */
const PLATEAU_BYTES = 16 * 1024 * 1024;
const dir = tempDir('stalled-sink');

interface Report {
  logged: number[];
  baselineRss: number;
  peakBeforeLastThirdRss: number;
  peakRss: number;
  stats: { dropped: Record<string, number>; recordsWritten: number; ringCapacity: number };
}

test(`a sink stalled ${STALL_S} s while ${PRODUCERS} threads log flat out: RSS bounded by the rings, drops counted exactly`, async () => {
  const fifo = join(dir, 'stall.fifo');
  const out = join(dir, 'stall.out');
  execFileSync('mkfifo', [fifo]);
  // The reader opens the FIFO at once (so the sink's open returns), reads nothing until the producers
  // have stopped and waited on their flushes for a while, then reads everything.
  const reader = spawn(
    'sh',
    ['-c', `exec 3<"$1"; sleep ${STALL_S + READER_LATE_S}; exec cat <&3 > "$2"`, 'sh', fifo, out],
    {
      stdio: 'ignore',
    },
  );
  const readerDone = new Promise<number | null>((resolve) => reader.on('close', resolve));
  const run = await runFixture('stalled-producers.mjs', [fifo, String(STALL_S), String(RING_BYTES)]);
  if (run.status !== 0) reader.kill('SIGKILL');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(await readerDone, 0);
  const report = lastJsonLine<Report>(run.stdout);

  const growth = report.peakRss - report.baselineRss;
  const bound = PRODUCERS * RING_BYTES + CONSTANT_BYTES;
  assert.ok(growth <= bound, `RSS grew ${(growth / 2 ** 20).toFixed(1)} MiB (bound ${bound / 2 ** 20} MiB)`);
  const lateGrowth = report.peakRss - report.peakBeforeLastThirdRss;
  assert.ok(
    lateGrowth <= PLATEAU_BYTES,
    `RSS still grew ${(lateGrowth / 2 ** 20).toFixed(1)} MiB in the last third of the stall`,
  );

  const records = readRecords(out);
  const delivered = records.filter((r) => !isDropReport(r));
  const perProducer = assertNoDuplicatesInOrder(delivered);
  const reported = droppedByReports(records);
  const reportedTotal = Object.values(reported).reduce((a, b) => a + b, 0);
  const logged = report.logged.reduce((a, b) => a + b, 0);
  // The stall is real: the rings filled and records were dropped (how many depends on how fast the
  // producers ran, which a loaded machine slows); every one of them is counted below.
  assert.ok(reportedTotal > 0, `records were dropped: ${reportedTotal} of ${logged}`);
  assert.equal(delivered.length + reportedTotal, logged, 'delivered + counted drops = logged');
  assert.deepEqual(
    Object.entries(report.stats.dropped).filter(([, n]) => n > 0),
    Object.entries(reported),
    'stats().dropped matches the drop reports',
  );
  assert.equal(perProducer.size, PRODUCERS);
  for (const [producer, count] of perProducer) assert.ok(count <= report.logged[producer as number]);
});
