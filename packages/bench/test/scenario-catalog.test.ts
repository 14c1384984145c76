import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BenchUsageError } from '../dist/cli/bench-usage-error.js';
import { listScenarios, type ScenarioEntry, selectScenarios } from '../dist/cli/scenario-catalog.js';

const catalog: ScenarioEntry[] = [
  { suite: 'core', name: 'seed-event', file: 'core/seed-event.js' },
  { suite: 'core', name: 'static-message', file: 'core/static-message.js' },
  { suite: 'transport', name: 'ring-write', file: 'transport/ring-write.js' },
];
const names = (entries: readonly ScenarioEntry[]) => entries.map((entry) => `${entry.suite}/${entry.name}`);

test('no filter selects the whole catalog', () => {
  assert.deepEqual(names(selectScenarios(catalog, [])), names(catalog));
});

test('a suite name selects its scenarios only', () => {
  assert.deepEqual(names(selectScenarios(catalog, ['core'])), ['core/seed-event', 'core/static-message']);
});

test('scenario names and suite/name pairs select one each, in catalog order, without duplicates', () => {
  const selected = selectScenarios(catalog, ['transport/ring-write', 'static-message', 'core', 'seed-event']);
  assert.deepEqual(names(selected), ['core/seed-event', 'core/static-message', 'transport/ring-write']);
});

test('an unknown name is a usage error that lists the valid ones', () => {
  assert.throws(
    () => selectScenarios(catalog, ['seed-evnt']),
    (error: unknown) => {
      assert.ok(error instanceof BenchUsageError);
      assert.match(error.message, /seed-evnt/);
      assert.match(error.message, /static-message/);
      return true;
    },
  );
});

test('a known suite without scenarios selects nothing and is not an error', () => {
  const coreOnly = catalog.filter((entry) => entry.suite === 'core');
  assert.deepEqual(selectScenarios(coreOnly, ['transport']), []);
});

test('listScenarios finds compiled scenario files per suite, sorted, ignoring declarations and maps', () => {
  const root = mkdtempSync(join(tmpdir(), 'sluice-bench-catalog-'));
  try {
    mkdirSync(join(root, 'core'));
    for (const file of ['static-message.js', 'seed-event.js', 'seed-event.d.ts', 'seed-event.js.map']) {
      writeFileSync(join(root, 'core', file), '');
    }
    assert.deepEqual(
      listScenarios(root).map((entry) => entry.name),
      ['seed-event', 'static-message'],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
