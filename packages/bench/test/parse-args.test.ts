import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BenchUsageError } from '../dist/cli/bench-usage-error.js';
import { parseArgs } from '../dist/cli/parse-args.js';

test('no arguments select everything, full length, as a table', () => {
  assert.deepEqual(parseArgs([]), { filters: [], quick: false, json: false, save: false, help: false });
});

test('--filter repeats and takes comma lists, in either spelling', () => {
  const options = parseArgs(['--filter', 'core', '--filter=seed-event,long-string', '-f', 'core/zero-alloc']);
  assert.deepEqual(options.filters, ['core', 'seed-event', 'long-string', 'core/zero-alloc']);
});

test('--quick and --json are flags', () => {
  const options = parseArgs(['--quick', '--json']);
  assert.equal(options.quick, true);
  assert.equal(options.json, true);
});

test('a lone -- (as pnpm may pass it) is skipped', () => {
  assert.deepEqual(parseArgs(['--', '--filter', 'core']).filters, ['core']);
});

test('--filter without a value, an empty list or an unknown flag is a usage error', () => {
  assert.throws(() => parseArgs(['--filter']), BenchUsageError);
  assert.throws(() => parseArgs(['--filter', '--quick']), BenchUsageError);
  assert.throws(() => parseArgs(['--filter=,']), BenchUsageError);
  assert.throws(() => parseArgs(['--fast']), BenchUsageError);
});

test('--save stores a full run in the tracked results; with --quick it is a usage error', () => {
  assert.equal(parseArgs(['--save']).save, true);
  assert.throws(() => parseArgs(['--quick', '--save']), BenchUsageError);
});
