import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertExactlySeq, readRecords, runFixture, tempDir } from './support/records.js';

// When no sink worker runs, a producer writes its own ring out: to every target it can write
// synchronously, each at its own level and in its own format, as the worker would have. A syslog
// target cannot be written synchronously: stderr takes what it would have taken.

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

test('a self-drain writes what a syslog target would have taken to stderr, every record once', async () => {
  const dir = tempDir('self-drain-syslog');
  const all = join(dir, 'all.log');
  const run = await runFixture('self-drain-targets.mjs', [
    all,
    join(dir, 'errors.log'),
    String(N),
    'with-syslog',
  ]);
  assert.equal(run.status, 0, run.stderr);
  assertExactlySeq(readRecords(all), N);
  const onStderr = run.stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
  assertExactlySeq(onStderr, N);
});
