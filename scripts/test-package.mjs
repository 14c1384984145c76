#!/usr/bin/env node
// Compiles the package's TypeScript tests (which import the built dist/) and runs them with node:test.
// Extra arguments go to `node --test` (e.g. a single file under dist-test/).
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TEST_COUNTS_FILE } from './test-counts.mjs';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

const countReporter = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'test-count-reporter.mjs'));

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
