import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  assertExactlySeq,
  assertNoDuplicatesInOrder,
  droppedByReports,
  isDropReport,
  type LogRecord,
  lastJsonLine,
  readRecords,
  runFixture,
  tempDir,
} from './support/records.js';

// A destination that stalls: a FIFO whose reader opens it at once but reads only after 2 s. With a
// 64 KiB ring the producer runs out of room almost at once; the full-ring policy decides what happens.
// Principle 4: bounded memory, and the output says what was dropped.

const COUNT = 50_000;
const RING_BYTES = 65536;
const READER_SLEEP_S = 2;
const dir = tempDir('full-policies');

const levelOf = (seq: number): number => (seq % 25 === 0 ? 50 : seq % 10 === 0 ? 40 : 30);

interface Stats {
  dropped: Record<string, number>;
  ringHighWater: number;
  ringCapacity: number;
}

interface PolicyRun {
  returnedBeforeReaderStarted: boolean;
  stats: Stats;
  records: LogRecord[];
}

async function logIntoStalledFifo(policy: string, api: 'object' | 'event' = 'object'): Promise<PolicyRun> {
  const fifo = join(dir, `${policy}-${api}.fifo`);
  const marker = join(dir, `${policy}-${api}.reading`);
  const out = join(dir, `${policy}-${api}.out`);
  execFileSync('mkfifo', [fifo]);
  // The reader opens the FIFO (so the writer's open returns), sleeps, then marks that it reads and reads.
  const reader = spawn(
    'sh',
    ['-c', `exec 3<"$1"; sleep ${READER_SLEEP_S}; : > "$2"; exec cat <&3 > "$3"`, 'sh', fifo, marker, out],
    { stdio: 'ignore' },
  );
  const readerDone = new Promise<number | null>((resolve) => reader.on('close', resolve));
  const run = await runFixture('stalled-fifo.mjs', [fifo, policy, String(COUNT), marker, api]);
  // A fixture that failed before opening the FIFO leaves the reader blocked in its open for good.
  if (run.status !== 0) reader.kill('SIGKILL');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(await readerDone, 0);
  const report = lastJsonLine<{ returnedBeforeReaderStarted: boolean; stats: Stats }>(run.stdout);
  return { ...report, records: readRecords(out) };
}

function assertBoundedMemory(stats: Stats): void {
  assert.equal(stats.ringCapacity, RING_BYTES);
  assert.ok(stats.ringHighWater > 0 && stats.ringHighWater <= stats.ringCapacity, `${stats.ringHighWater}`);
}

/** Every record delivered once and in order, or dropped and counted in a report and in stats(). */
function assertDropRun(run: PolicyRun): void {
  const delivered = run.records.filter((r) => !isDropReport(r));
  assertNoDuplicatesInOrder(delivered);
  const reported = droppedByReports(run.records);
  const reportedTotal = Object.values(reported).reduce((a, b) => a + b, 0);
  assert.ok(reportedTotal > 0, 'the ring filled up and records were dropped');
  assert.equal(delivered.length + reportedTotal, COUNT);
  for (const [level, count] of Object.entries(run.stats.dropped)) {
    assert.equal(count, reported[level] ?? 0, `stats().dropped.${level} matches the reports`);
  }
  assertBoundedMemory(run.stats);
}

describe(`a stalled destination, ${COUNT} records, a ${RING_BYTES}-byte ring`, () => {
  for (const api of ['object', 'event'] as const) {
    test(`policy 'drop', ${api === 'event' ? 'precompiled events' : 'the object API'}: logging never waits; delivered + counted drops == logged`, async () => {
      const run = await logIntoStalledFifo('drop', api);
      // Events are compact in the ring: the worker takes more than the FIFO holds, and what it took
      // stays unwritten while the reader sleeps; the ring is then full, and drops.
      assert.equal(run.returnedBeforeReaderStarted, true, 'logging returned while the reader still slept');
      assertDropRun(run);
    });
  }

  test("policy 'shed' (shedBelow 'warn'): no warn or error record is lost; info drops are counted", async () => {
    const run = await logIntoStalledFifo('shed');
    const delivered = run.records.filter((r) => !isDropReport(r));
    assertNoDuplicatesInOrder(delivered);
    const seen = new Set(delivered.map((r) => r.seq));
    for (let seq = 0; seq < COUNT; seq++) {
      if (levelOf(seq) >= 40 && !seen.has(seq))
        assert.fail(`the level ${levelOf(seq)} record ${seq} was lost`);
    }
    for (const record of delivered) assert.equal(record.level, levelOf(record.seq as number));
    const reported = droppedByReports(run.records);
    assert.deepEqual(Object.keys(reported), ['info'], 'only info records were shed');
    assert.ok(reported.info > 0, 'the ring filled up and info records were shed');
    const infoLogged = Array.from({ length: COUNT }, (_, seq) => levelOf(seq)).filter((l) => l === 30).length;
    const infoDelivered = delivered.filter((r) => r.level === 30).length;
    assert.equal(infoDelivered + reported.info, infoLogged);
    assert.equal(run.stats.dropped.info, reported.info);
    assert.equal(run.stats.dropped.warn + run.stats.dropped.error, 0);
    assertBoundedMemory(run.stats);
  });

  test("policy 'block': the producer waits for the reader and nothing is lost", async () => {
    const run = await logIntoStalledFifo('block');
    assert.equal(run.returnedBeforeReaderStarted, false, 'logging waited for the reader');
    assert.equal(run.records.filter(isDropReport).length, 0, 'no drop report');
    assertExactlySeq(run.records, COUNT);
    for (const record of run.records) assert.equal(record.level, levelOf(record.seq as number));
    assert.equal(
      Object.values(run.stats.dropped).reduce((a, b) => a + b, 0),
      0,
    );
    assertBoundedMemory(run.stats);
  });
});
