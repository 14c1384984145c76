import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isDropReport, lastJsonLine, readRecords, runFixture, tempDir } from './support/records.js';

// A record too large for the ring (over half of it) at every level, under every policy: the call still
// writes one record at its level, cut to a marker that says so (fatal() writes its fatal record), and
// nothing is counted as dropped, least of all under fatal.

const dir = tempDir('oversize-records');
const LEVELS = [10, 20, 30, 40, 50, 60];

interface Stats {
  dropped: Record<string, number>;
}

for (const policy of ['block', 'drop', 'shed'] as const) {
  describe(`policy '${policy}'`, () => {
    test('an oversize record at each level is written as one cut record at its level; no drop is counted', async () => {
      const file = join(dir, `${policy}.log`);
      const run = await runFixture('oversize-records.mjs', [file, policy]);
      assert.equal(run.status, 0, run.stderr);
      const report = lastJsonLine<{ logged: number; stats: Stats }>(run.stdout);
      const records = readRecords(file);
      assert.equal(records.filter(isDropReport).length, 0, 'no drop report');
      assert.deepEqual(
        Object.entries(report.stats.dropped).filter(([, n]) => n > 0),
        [],
        'stats().dropped counts nothing',
      );
      assert.equal(records.length, report.logged, 'one record per call');
      LEVELS.forEach((level, i) => {
        const [before, cut, after] = records.slice(3 * i, 3 * i + 3);
        assert.equal(before.seq, 3 * i);
        assert.equal(after.seq, 3 * i + 2);
        for (const record of [before, cut, after]) assert.equal(record.level, level);
        assert.equal(cut.big, undefined, 'the oversize value is not written');
        assert.equal(typeof cut.oversize, 'object', `a cut record says so: ${JSON.stringify(cut)}`);
        assert.deepEqual(cut.oversize, { limit: 65536 / 2 - 8 }, 'the most a record may take: half the ring');
        assert.equal(cut.msg, 'sluice cut a record too large for the ring');
      });
    });
  });
}

test('a fatal() of 4.5 MB with the default ring and limits writes one fatal record, cut', async () => {
  const file = join(dir, 'fatal-4mb.log');
  const run = await runFixture('oversize-records.mjs', [file, 'block', 'fatal-4mb']);
  assert.equal(run.status, 0, run.stderr);
  const report = lastJsonLine<{ logged: number; stats: Stats }>(run.stdout);
  const records = readRecords(file);
  assert.deepEqual(
    records.map((r) => r.level),
    [30, 60, 30],
    'one record per call, the fatal one included',
  );
  assert.deepEqual(records[1].oversize, { limit: 2 * 1024 * 1024 - 8 });
  assert.equal(report.stats.dropped.fatal, 0);
});
