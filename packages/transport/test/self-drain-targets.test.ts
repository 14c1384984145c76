import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertExactlySeq, readRecords, runFixture, tempDir } from './support/records.js';

// When no sink worker runs, a producer writes its own ring out: to every target it can write
// synchronously, each at its own level and in its own format, as the worker would have.

const N = 2_000;

test('a self-drain writes every target at its level and in its format', async () => {
  const dir = tempDir('self-drain-targets');
  const all = join(dir, 'all.log');
  const errors = join(dir, 'errors.log');
  const run = await runFixture('self-drain-targets.mjs', [all, errors, String(N)]);
  assert.equal(run.status, 0, run.stderr);
  assertExactlySeq(readRecords(all), N);
  const lines = readFileSync(errors, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  const expected = Array.from({ length: N / 10 }, (_, i) => i * 10);
  assert.deepEqual(
    lines.map((line) => Number(/ seq=(\d+)/.exec(line)?.[1])),
    expected,
    'error records only, in order, once',
  );
  for (const line of lines)
    assert.match(line, /^level=error time=\S+ msg=record pid=\d+ hostname=\S+ seq=\d+$/);
});
