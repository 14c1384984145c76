#!/usr/bin/env node
// `pnpm test`: builds what the tests need and runs every package's tests through turbo (each package's
// output kept together), then closes with one line of totals across packages. Exits non-zero when any
// test failed or a package left no counts (its build or test compilation failed before any test ran).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_COUNTS_FILE } from './test-counts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The workspace's packages that have a test script (pnpm-workspace.yaml: packages/* and examples). */
function packagesWithTests() {
  const dirs = [
    ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)),
    join(root, 'examples'),
  ];
  return dirs.flatMap((dir) => {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) return [];
    const { name, scripts } = JSON.parse(readFileSync(manifest, 'utf8'));
    return scripts?.test ? [{ name, dir }] : [];
  });
}

const packages = packagesWithTests();
for (const { dir } of packages) rmSync(join(dir, TEST_COUNTS_FILE), { force: true });

const turbo = createRequire(import.meta.url).resolve('turbo/bin/turbo');
const run = spawnSync(
  process.execPath,
  [turbo, 'run', 'test', '--log-order=grouped', '--continue', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
);

const total = { passed: 0, failed: 0, skipped: 0 };
let missing = 0;
console.log('\n== tests by package');
for (const { name, dir } of packages) {
  const file = join(dir, TEST_COUNTS_FILE);
  if (!existsSync(file)) {
    missing++;
    console.log(`${name}: no results (its build or test compilation failed, or it did not run)`);
    continue;
  }
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of Object.keys(total)) total[key] += counts[key];
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}
console.log(`total: ${total.passed} passed, ${total.failed + missing} failed, ${total.skipped} skipped`);
process.exitCode = run.status === 0 && total.failed === 0 && missing === 0 ? 0 : 1;
