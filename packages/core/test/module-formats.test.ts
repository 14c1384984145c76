import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

// Run from the package root, where `@sluice/core` resolves to this package by self-reference, as it
// would for a consumer that installed it.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sluice-modules-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface LoadReport {
  resolved: string;
  exports: string[];
  line: string;
  fileLine: string;
  configError: boolean;
}

/**
 * Shared body of both probes: `core` is the loaded module. It logs once to a collector and once to a
 * file through `destination()` (the vendored sonic-boom, which each build imports in its own module
 * format), and checks that a bad option throws the module's own SluiceConfigError.
 */
const probeBody = (file: string) => `
  const lines = [];
  const log = core.createLogger({ base: null, timestamp: false, destination: { write: (l) => lines.push(l) } });
  log.info({ a: 1 }, 'hello');
  const fileLog = core.createLogger({ base: null, timestamp: false, destination: core.destination(${JSON.stringify(file)}) });
  fileLog.warn('to file');
  let configError = false;
  try { core.createLogger({ level: 'nope' }); } catch (e) { configError = e instanceof core.SluiceConfigError; }
  const fileLine = require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8');
  console.log(JSON.stringify({ resolved, exports: Object.keys(core).sort(), line: lines[0], fileLine, configError }));
`;

function runProbe(args: string[]): LoadReport {
  const stdout = execFileSync(process.execPath, args, { cwd: packageRoot, encoding: 'utf8' });
  return JSON.parse(stdout) as LoadReport;
}

function loadWithImport(): LoadReport {
  const file = join(dir, 'esm.log');
  const source = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const core = await import('@sluice/core');
    const resolved = import.meta.resolve('@sluice/core');
    ${probeBody(file)}
  `;
  return runProbe(['--input-type=module', '-e', source]);
}

function loadWithRequire(): LoadReport {
  const file = join(dir, 'cjs.log');
  const source = `
    const core = require('@sluice/core');
    const resolved = require.resolve('@sluice/core');
    ${probeBody(file)}
  `;
  return runProbe(['--input-type=commonjs', '-e', source]);
}

const expectedLine = '{"level":30,"a":1,"msg":"hello"}\n';
const expectedFileLine = '{"level":40,"msg":"to file"}\n';

describe('@sluice/core loads as ESM and as CommonJS on Node 20+', () => {
  test("import('@sluice/core') loads the ESM build and logs", () => {
    const report = loadWithImport();
    assert.match(report.resolved, /\/dist\/esm\/index\.js$/);
    assert.ok(report.exports.includes('createLogger'));
    assert.equal(report.line, expectedLine);
    assert.equal(report.fileLine, expectedFileLine);
    assert.equal(report.configError, true);
  });

  test("require('@sluice/core') loads the CommonJS build and logs", () => {
    const report = loadWithRequire();
    assert.match(report.resolved, /\/dist\/cjs\/index\.js$/);
    assert.ok(report.exports.includes('createLogger'));
    assert.equal(report.line, expectedLine);
    assert.equal(report.fileLine, expectedFileLine);
    assert.equal(report.configError, true);
  });

  test('both builds export the same names', () => {
    const esm = loadWithImport().exports;
    const cjs = loadWithRequire().exports.filter((name) => name !== 'default' && name !== '__esModule');
    assert.deepEqual(cjs, esm);
  });
});
