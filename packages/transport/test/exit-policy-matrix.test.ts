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

// Every way a process ends x every full-ring policy, with and without the sink worker killed halfway
// (terminate(): its owner settles its release journal before a successor reads its ring). Always: each
// thread's order kept, nothing delivered twice, delivered + counted drops = logged (the exit drain waits
// for the drop report as for records), 'shed' never loses warn and above. A 64 KiB ring makes 'drop' and
// 'shed' really drop. exit-paths.test covers the exit paths at the default settings.

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

interface Accounting {
  what: string;
  logged: number;
  delivered: number;
  dropped: number;
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
  const delivered = run.records.filter((r) => !isDropReport(r));
  assert.equal(firstAppearances(delivered, 0).length, delivered.length, `${what}: a record delivered twice`);
  assertNoDuplicatesInOrder(delivered);
  for (const record of delivered) assert.equal(record.level, levelOf(record.seq as number), what);
  const dropped = Object.values(droppedByReports(run.records)).reduce((a, b) => a + b, 0);
  const unique = delivered;
  if (run.policy === 'block') {
    assert.equal(dropped, 0, `${what}: block never drops`);
    assertExactlySeq(unique, logged);
  }
  if (run.policy !== 'block') {
    // Under 'shed' warn and above wait instead of dropping; under 'drop' the fatal record does (fatal()
    // waits for its write anyway): it is never the one dropped.
    const kept = run.policy === 'shed' ? 40 : 60;
    const seen = new Set(unique.map((r) => r.seq));
    for (let seq = 0; seq < logged; seq++) {
      if (levelOf(seq) >= kept && !seen.has(seq))
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
        test(`${exit}, policy ${policy}: delivered + counted drops = logged, in order, none twice`, () => {
          assertAllAccounted(assertDelivery(runOf(exit, policy, killed)));
        });
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
