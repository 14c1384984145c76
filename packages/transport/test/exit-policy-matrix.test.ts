import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import {
  assertExactlySeq,
  assertNoDuplicatesInOrder,
  type ChildResult,
  droppedByReports,
  firstAppearances,
  isDropReport,
  type LogRecord,
  readRecords,
  runFixture,
  scaled,
  tempDir,
} from './support/records.js';

// Every way a process ends x every full-ring policy, with and without the sink worker killed halfway.
// Always: each thread's order kept, nothing delivered twice (after a kill: within the at-least-once
// window DESIGN.md documents), delivered + counted drops <= logged (after a kill, plus at most one
// repeated drop report), 'shed' never loses warn and above.
// Under 'block', exactly every record. Under 'drop' and 'shed', delivered + counted drops = logged too
// (the exit drain waits for the drop report as for records), except after a worker kill, where the
// report, like records, is at-least-once (DROP_COUNTS_AFTER_KILL). A 64 KiB ring makes 'drop' and
// 'shed' really drop. exit-paths.test covers the
// exit paths at the default settings.

const N = scaled(20_000);
const dir = tempDir('exit-matrix');
const EXITS = ['natural', 'exit', 'throw', 'reject', 'sigterm', 'sigint', 'fatal'] as const;
const POLICIES = ['block', 'drop', 'shed'] as const;
/** Children run this many at a time: the machine has 2 cores, shared. */
const PARALLEL = 3;

type Exit = (typeof EXITS)[number];
type Policy = (typeof POLICIES)[number];

interface MatrixRun extends ChildResult {
  exit: Exit;
  policy: Policy;
  killed: boolean;
  records: LogRecord[];
}

const levelOf = (seq: number): number => (seq === N ? 60 : seq % 10 === 0 ? 40 : 30);

const EXPECTED_END: Record<Exit, { status: number | null; signal: NodeJS.Signals | null }> = {
  natural: { status: 0, signal: null },
  exit: { status: 0, signal: null },
  throw: { status: 1, signal: null },
  reject: { status: 1, signal: null },
  sigterm: { status: null, signal: 'SIGTERM' },
  sigint: { status: null, signal: 'SIGINT' },
  fatal: { status: null, signal: 'SIGKILL' },
};

async function runAll(): Promise<MatrixRun[]> {
  const cases = EXITS.flatMap((exit) =>
    POLICIES.flatMap((policy) => [false, true].map((killed) => ({ exit, policy, killed }))),
  );
  const runs: MatrixRun[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < cases.length) {
      const { exit, policy, killed } = cases[next++];
      const file = join(dir, `${exit}-${policy}-${killed ? 'killed' : 'alive'}.log`);
      const result = await runFixture('exit-matrix.mjs', [file, exit, policy, String(N), killed ? '1' : '0']);
      runs.push({ ...result, exit, policy, killed, records: readRecords(file) });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return runs;
}

let runs: MatrixRun[] = [];
before(async () => {
  runs = await runAll();
});

const runOf = (exit: Exit, policy: Policy, killed: boolean): MatrixRun => {
  const run = runs.find((r) => r.exit === exit && r.policy === policy && r.killed === killed);
  return run ?? assert.fail(`no run for ${exit}/${policy}/${killed}`);
};

/**
 * Drop counts live in the ring until the sink worker takes them (resetting them) and writes a report;
 * close() waits for that (full-policies.test), the ways a process ends do not. Fixing it needs the
 * producer to know when a report is written (a counter the worker publishes), in the ring layout, the
 * worker and the self-drain: not a test-side change.
 */
const DROP_COUNTS_AFTER_KILL =
  'a drop report the killed worker wrote but never saw complete is written again by its successor (the ' +
  'counts leave the ring only once their report is written), and a producer writing its own ring out ' +
  '(self-drain) writes no drop report: exact counts after a kill need exactly-once delivery';

/** Whether a run's drop counts add up exactly (see DROP_COUNTS_AFTER_KILL). */
const dropCountsSurvive = (run: { policy: Policy; killed: boolean }): boolean =>
  run.policy === 'block' || !run.killed;

interface Accounting {
  what: string;
  logged: number;
  delivered: number;
  dropped: number;
}

function totalOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** Checks what holds in every run (how it ended, order, no duplicates, levels, policy rules). */
function assertDelivery(run: MatrixRun): Accounting {
  const what = `${run.exit}/${run.policy}${run.killed ? '/killed' : ''}`;
  assert.deepEqual(
    { status: run.status, signal: run.signal },
    EXPECTED_END[run.exit],
    `${what}: ${run.stderr}`,
  );
  const logged = run.exit === 'fatal' ? N + 1 : N;
  const unique = firstAppearances(run.records, run.killed ? 1 : 0).filter((r) => !isDropReport(r));
  if (!run.killed) assert.equal(unique.length, run.records.filter((r) => !isDropReport(r)).length, what);
  assertNoDuplicatesInOrder(unique);
  for (const record of unique) assert.equal(record.level, levelOf(record.seq as number), what);
  const dropped = Object.values(droppedByReports(run.records)).reduce((a, b) => a + b, 0);
  if (!run.killed) {
    assert.ok(unique.length + dropped <= logged, `${what}: ${unique.length} delivered + ${dropped} dropped`);
  } else {
    // At-least-once after a kill, for drop reports as for records: a report the killed worker wrote but
    // never saw complete comes again from its successor, so counts may exceed by at most that report.
    const reports = run.records.filter(isDropReport).map((r) => totalOf(r.dropped as Record<string, number>));
    const repeatable = Math.max(0, ...reports);
    assert.ok(
      unique.length + dropped <= logged + repeatable,
      `${what}: ${unique.length} delivered + ${dropped} dropped (a repeated report counts ${repeatable} at most)`,
    );
  }
  if (run.policy === 'block') {
    assert.equal(dropped, 0, `${what}: block never drops`);
    assertExactlySeq(unique, logged);
  }
  if (run.policy === 'shed') {
    // warn and above (fatal() included) wait instead of dropping. Under 'drop' a fatal record meeting a
    // full ring is dropped and counted like any other: that policy never waits.
    const seen = new Set(unique.map((r) => r.seq));
    for (let seq = 0; seq < logged; seq++) {
      if (levelOf(seq) >= 40 && !seen.has(seq))
        assert.fail(`${what}: level ${levelOf(seq)} record ${seq} lost`);
    }
  }
  return { what, logged, delivered: unique.length, dropped };
}

function assertAllAccounted({ what, logged, delivered, dropped }: Accounting): void {
  assert.equal(delivered + dropped, logged, `${what}: ${delivered} delivered + ${dropped} dropped`);
}

for (const killed of [false, true]) {
  describe(`${N} records, then the process ends${killed ? ', the sink worker killed halfway' : ''}`, () => {
    for (const exit of EXITS) {
      for (const policy of POLICIES) {
        const exact = dropCountsSurvive({ policy, killed });
        test(`${exit}, policy ${policy}: delivered + counted drops ${exact ? '=' : '<='} logged, in order, none twice`, () => {
          const accounting = assertDelivery(runOf(exit, policy, killed));
          if (exact) assertAllAccounted(accounting);
        });
        if (!exact) {
          test(`${exit}, policy ${policy}: every drop is counted`, { todo: DROP_COUNTS_AFTER_KILL }, () => {
            assertAllAccounted(assertDelivery(runOf(exit, policy, killed)));
          });
        }
      }
    }
  });
}

test('the drop and shed runs really dropped, so their accounting was exercised', () => {
  const dropping = runs.filter((run) => run.policy !== 'block');
  const withDrops = dropping.filter((run) => run.records.some(isDropReport));
  assert.ok(
    withDrops.length >= dropping.length / 2,
    `${withDrops.length} of ${dropping.length} runs dropped`,
  );
});

test('after a worker kill, no record is delivered twice', {
  todo:
    'a batch the killed worker handed to the OS but never saw complete is written again by whoever drains ' +
    'the ring next (READ advances only on completion): exactly-once after a crash needs a design change',
}, () => {
  for (const run of runs.filter((r) => r.killed)) {
    const seqs = run.records.filter((r) => r.seq !== undefined);
    assert.equal(new Set(seqs.map((r) => r.seq)).size, seqs.length, `${run.exit}/${run.policy}`);
  }
});
