import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { assertExactlySeq, fixture, packageRoot, readRecords, tempDir } from './support/records.js';

// pino's worker transport breaks bundlers: its worker file path does not exist next to the bundle. The
// sluice sink worker is started from a source string, so an app bundled into ONE file (plain esbuild, no
// banner), run where no node_modules exist, still starts its worker and writes.

const RECORDS = 20_000;

for (const format of ['cjs', 'esm'] as const) {
  test(`an app bundled into one ${format} file runs with no node_modules and its records arrive`, async () => {
    const dir = tempDir(`bundled-${format}`);
    const app = join(dir, format === 'cjs' ? 'app.cjs' : 'app.mjs');
    await build({
      entryPoints: [fixture('bundled-app.mjs')],
      absWorkingDir: packageRoot,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format,
      outfile: app,
      logLevel: 'silent',
    });
    assert.deepEqual(readdirSync(dir), [app.slice(dir.length + 1)], 'the bundle is one file, alone');
    const resolves = spawnSync(process.execPath, ['-e', "require.resolve('@sluice/core')"], { cwd: dir });
    assert.notEqual(resolves.status, 0, '@sluice/core is not resolvable from the bundle directory');

    const out = join(dir, 'out.log');
    const run = spawnSync(process.execPath, [app, out, String(RECORDS)], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '', 'no warnings (the sink worker started once and never died)');
    const records = readRecords(out);
    assertExactlySeq(records, RECORDS);
    assert.equal(records[0].name, 'bundled');
    assert.equal(records[0].msg, 'from the bundle');
    assert.equal(JSON.parse(run.stdout).recordsWritten, RECORDS);
  });
}
