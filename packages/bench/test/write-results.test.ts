import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { mergeEntries, writeResults } from '../dist/cli/write-results.js';

const entry = (name: string, error: string, measuredAt?: string) => ({
  suite: 'core',
  name,
  error,
  measuredAt,
});

test('mergeEntries keeps earlier scenarios a run did not repeat and replaces those it did, in name order', () => {
  const merged = mergeEntries(
    [entry('b', 'old b', 't0'), entry('c', 'old c', 't0')],
    [entry('c', 'new c', 't1'), entry('a', 'new a', 't1')],
  );
  assert.deepEqual(
    merged.map((e) => [e.name, 'error' in e ? e.error : '', e.measuredAt]),
    [
      ['a', 'new a', 't1'],
      ['b', 'old b', 't0'],
      ['c', 'new c', 't1'],
    ],
  );
});

test('writeResults: a filtered run updates its scenarios in latest-<suite>.json and keeps the rest', () => {
  const root = mkdtempSync(join(tmpdir(), 'sluice-results-'));
  try {
    const header = (measuredAt: string) => ({ measuredAt, quick: true, filters: [], machine: {} as never });
    writeResults(root, header('t0'), [entry('a', 'first a'), entry('b', 'first b')]);
    const [path] = writeResults(root, header('t1'), [entry('b', 'second b')]);
    assert.equal(path, join(root, 'latest-core.json'));
    const stored = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(stored.measuredAt, 't1');
    assert.deepEqual(
      stored.scenarios.map((e: { name: string; error: string; measuredAt: string }) => [
        e.name,
        e.error,
        e.measuredAt,
      ]),
      [
        ['a', 'first a', 't0'],
        ['b', 'second b', 't1'],
      ],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
