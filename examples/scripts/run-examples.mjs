#!/usr/bin/env node
// Runs every compiled example (dist/foundation-*.js, and the adapter examples) with small counts and fails if
// any exits non-zero. The records they log go to stderr, which is captured and summarised; their report
// goes to stdout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_COUNTS_FILE } from '../../scripts/test-counts.mjs';

/** Apps on fastify, pino and winston switched to sluice (@sluice/transport's adapters). */
const ADAPTER_EXAMPLES = ['fastify-app.js', 'pino-migration.js', 'winston-app.js'];
const examples = readdirSync('dist')
  .filter(
    (name) => (name.startsWith('foundation-') && name.endsWith('.js')) || ADAPTER_EXAMPLES.includes(name),
  )
  .sort();
const resultsDir = mkdtempSync(join(tmpdir(), 'sluice-examples-'));
const env = {
  ...process.env,
  EXAMPLE_MESSAGE_COUNT: process.env.EXAMPLE_MESSAGE_COUNT ?? '1000',
  EXAMPLE_RESULTS_DIR: resultsDir,
};
let failed = 0;
let passed = 0;

for (const example of examples) {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--expose-gc', join('dist', example)], {
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const logLines = run.stderr.split('\n').filter((line) => line.length > 0).length;
  console.log(
    `\n=== ${example}: exit ${run.status ?? run.signal} in ${seconds} s, ${logLines} log lines on stderr`,
  );
  process.stdout.write(run.stdout);
  let ok = run.status === 0;
  if (ok && example === 'foundation-regression-test.js') ok = checkRegressionResults();
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log(`--- last stderr lines of ${example}:\n${run.stderr.split('\n').slice(-20).join('\n')}`);
  }
}

rmSync(resultsDir, { recursive: true, force: true });
console.log(`\nexamples: ${passed} passed, ${failed} failed`);
writeFileSync(TEST_COUNTS_FILE, `${JSON.stringify({ passed, failed, skipped: 0 })}\n`);
process.exitCode = failed === 0 && examples.length > 0 ? 0 : 1;

/** performance_results.json holds three results whose figures were measured (finite, CPU above 0). */
function checkRegressionResults() {
  const results = JSON.parse(readFileSync(join(resultsDir, 'performance_results.json'), 'utf8'));
  const valid =
    Array.isArray(results) &&
    results.length === 3 &&
    results.every(
      (r) =>
        Number.isFinite(r.messages_per_second) &&
        r.messages_per_second > 0 &&
        Number.isFinite(r.memory_mb) &&
        Number.isFinite(r.cpu_percent) &&
        r.cpu_percent > 0 &&
        typeof r.config_name === 'string' &&
        !Number.isNaN(Date.parse(r.timestamp)),
    );
  if (!valid) console.log(`performance_results.json is not as expected: ${JSON.stringify(results)}`);
  return valid;
}
