#!/usr/bin/env node
// Compiles the package's TypeScript tests (which import the built dist/) and runs them with node:test.
// Extra arguments go to `node --test` (e.g. a single file under dist-test/).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TEST_COUNTS_FILE } from './test-counts.mjs';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

const countReporter = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'test-count-reporter.mjs'));

/**
 * Builds @sluice/test-support (the tests' shared support) when this package's tests use it and its build
 * is missing or older than its sources: `pnpm test` builds it first, a run of one package may not have.
 */
function buildTestSupportIfStale() {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  if (manifest.devDependencies?.['@sluice/test-support'] === undefined) return;
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'test-support');
  const times = (folder, ending) =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((name) => name.endsWith(ending))
          .map((name) => statSync(join(folder, name)).mtimeMs)
      : [];
  const built = times(join(dir, 'dist'), '.js');
  if (built.length > 0 && Math.max(...times(join(dir, 'src'), '.ts')) <= Math.min(...built)) return;
  const buildPackage = join(dirname(fileURLToPath(import.meta.url)), 'build-package.mjs');
  execFileSync(process.execPath, [buildPackage], { cwd: dir, stdio: 'inherit' });
}

buildTestSupportIfStale();
rmSync('dist-test', { recursive: true, force: true });
rmSync(TEST_COUNTS_FILE, { force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.test.json'], { stdio: 'inherit' });

const listTests = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTests(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });

const files = process.argv.length > 2 ? process.argv.slice(2) : listTests('dist-test');
try {
  execFileSync(
    process.execPath,
    [
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${countReporter}`,
      `--test-reporter-destination=${TEST_COUNTS_FILE}`,
      ...files,
    ],
    { stdio: 'inherit' },
  );
} catch {
  process.exitCode = 1;
}
