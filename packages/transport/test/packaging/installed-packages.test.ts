import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { build } from 'esbuild';
import { assertExactlySeq, fixture, packageRoot, readRecords, tempDir } from '../support/records.js';

// From a clone to an app: the packages packed and installed with the root README's own commands (plain
// npm, an empty folder outside the workspace), then used from ESM, CommonJS, TypeScript, the README's
// example and two esbuild bundles.
// `pnpm test` has built dist/ already; packing skips `prepack` here so that no build rewrites dist/
// under the other packages' tests running alongside (prepack's own build is checked in the manifest).

const workspaceRoot = join(packageRoot, '..', '..');
const PACKAGES = ['core', 'foundation', 'transport'] as const;
const RECORDS = 2_000;
const STEP_TIMEOUT_MS = 120_000;

let tarballs: Record<(typeof PACKAGES)[number], string>;
let app: string;

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: STEP_TIMEOUT_MS });
  assert.equal(
    result.status,
    0,
    `${command} ${args.join(' ')} in ${cwd}:\n${result.stdout}\n${result.stderr}`,
  );
  return result;
}

const readme = readFileSync(join(workspaceRoot, 'README.md'), 'utf8');

/** The first code block under the root README's `## heading`. */
function readmeBlock(heading: string): string {
  const section = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(section >= 0, `the README has a "${heading}" section`);
  const body = readme.indexOf('\n', readme.indexOf('```', section)) + 1;
  return readme.slice(body, readme.indexOf('```', body));
}

/** The README's install commands, with its folders swapped for this test's. */
function installCommands(packs: string): { packs: string[][]; install: string[] } {
  const commands = readmeBlock('Install')
    .split('\n')
    .map((line) =>
      line
        .replace(/^cd \S+ && /, '')
        .replaceAll('~/sluice-packages', packs)
        .split(' '),
    );
  const pnpmPacks = commands.filter((words) => words[0] === 'pnpm' && words.includes('pack'));
  const npmInstalls = commands.filter(
    (words) => words[0] === 'npm' && words[1] === 'install' && words[2] !== '-g',
  );
  assert.equal(pnpmPacks.length, PACKAGES.length, `the README packs ${PACKAGES.join(', ')}`);
  assert.equal(npmInstalls.length, 1, 'the README installs them with one npm install');
  return { packs: pnpmPacks, install: npmInstalls[0] };
}

before(() => {
  const root = tempDir('packaging');
  const packs = join(root, 'tarballs');
  mkdirSync(packs);
  const commands = installCommands(packs);
  for (const [pnpm, ...args] of commands.packs)
    run(pnpm, [...args, '--config.ignore-scripts=true'], workspaceRoot);
  const packed = readdirSync(packs);
  const tarball = (name: string) => {
    const file = packed.find((entry) => entry.startsWith(`sluice-${name}-`) && entry.endsWith('.tgz'));
    assert.ok(file, `a tarball for @sluice/${name} among ${packed.join(', ')}`);
    return join(packs, file);
  };
  tarballs = { core: tarball('core'), foundation: tarball('foundation'), transport: tarball('transport') };

  app = join(root, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "an-app", "private": true }\n');
  const [npm, ...install] = commands.install;
  run(npm, [...install, '--prefer-offline', '--no-audit', '--no-fund'], app);
  for (const script of ['log-to-file.mjs', 'log-to-file.cjs', 'typed-app.mts', 'typed-app.cts']) {
    copyFileSync(fixture(join('packaging', script)), join(app, script));
  }
});

/** Runs `node script out.log RECORDS` in `dir` and checks every record arrived, once, in order. */
function assertLogsToFile(dir: string, script: string, name: string): void {
  const out = join(dir, 'out.log');
  const result = run(process.execPath, [script, out, String(RECORDS)], dir);
  assert.equal(result.stderr, '', 'no warnings (the sink worker started once and never died)');
  assert.equal(JSON.parse(result.stdout).recordsWritten, RECORDS);
  const records = readRecords(out);
  assertExactlySeq(records, RECORDS);
  assert.equal(records[0].name, name);
  assert.equal(records[0].msg, 'hello from an app');
}

function packedManifest(tarball: string): Record<string, any> {
  const listing = run('tar', ['-xzOf', tarball, 'package/package.json'], workspaceRoot);
  return JSON.parse(listing.stdout);
}

test('each tarball has a README, both builds and real dependency versions, and prepack builds dist', () => {
  for (const name of PACKAGES) {
    const files = run('tar', ['-tzf', tarballs[name]], workspaceRoot).stdout.split('\n');
    for (const file of ['package/README.md', 'package/dist/esm/index.js', 'package/dist/cjs/index.js']) {
      assert.ok(files.includes(file), `@sluice/${name}'s tarball has ${file}`);
    }
    assert.ok(files.includes('package/dist/cjs/package.json'), 'dist/cjs is read as CommonJS');
    const manifest = packedManifest(tarballs[name]);
    const ranges = JSON.stringify({ ...manifest.dependencies, ...manifest.peerDependencies });
    assert.doesNotMatch(ranges, /workspace:/, `@sluice/${name}'s packed dependencies name real versions`);
    const source = JSON.parse(readFileSync(join(workspaceRoot, 'packages', name, 'package.json'), 'utf8'));
    assert.equal(
      source.scripts.prepack,
      'pnpm run build',
      `@sluice/${name} builds dist/ before it is packed`,
    );
  }
  const bench = JSON.parse(readFileSync(join(workspaceRoot, 'packages', 'bench', 'package.json'), 'utf8'));
  assert.equal(bench.private, true, '@sluice/bench is never published');
});

test('an ESM script logs through createTransport from the installed packages', () => {
  assertLogsToFile(app, 'log-to-file.mjs', 'installed-esm');
});

test('a CommonJS script logs through createTransport from the installed packages', () => {
  assertLogsToFile(app, 'log-to-file.cjs', 'installed-cjs');
});

test("the root README's lines that log to a file run as written", () => {
  const dir = join(app, 'readme-snippet');
  mkdirSync(dir);
  writeFileSync(join(dir, 'snippet.mjs'), readmeBlock('Log to a file'));
  const result = run(process.execPath, ['snippet.mjs'], dir);
  assert.equal(result.stderr, '');
  const [record, ...more] = readRecords(join(dir, 'app.log'));
  assert.deepEqual(more, [], 'one record');
  assert.equal(record.user, 'ada');
  assert.equal(record.msg, 'logged in');
});

test('TypeScript type-checks an ESM and a CommonJS file against the installed typings', () => {
  const tsc = createRequire(join(workspaceRoot, 'package.json')).resolve('typescript/bin/tsc');
  run(
    process.execPath,
    [
      tsc,
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--typeRoots',
      join(workspaceRoot, 'node_modules', '@types'),
      '--types',
      'node',
      'typed-app.mts',
      'typed-app.cts',
    ],
    app,
  );
});

// Plain esbuild, no banner and no plugin: the bundle is one file that runs from a folder with no
// node_modules, and still starts its sink worker.
for (const format of ['esm', 'cjs'] as const) {
  test(`a plain esbuild ${format} bundle of the app runs from another folder`, async () => {
    const entry = format === 'esm' ? 'log-to-file.mjs' : 'log-to-file.cjs';
    const bundle = format === 'esm' ? 'bundle.mjs' : 'bundle.cjs';
    await build({
      entryPoints: [join(app, entry)],
      absWorkingDir: app,
      bundle: true,
      platform: 'node',
      format,
      outfile: join(app, 'bundled', bundle),
      logLevel: 'silent',
    });
    const elsewhere = tempDir(`packaging-${format}-bundle`);
    copyFileSync(join(app, 'bundled', bundle), join(elsewhere, bundle));
    assert.deepEqual(readdirSync(elsewhere), [bundle], 'the bundle is one file, alone');
    assertLogsToFile(elsewhere, bundle, format === 'esm' ? 'installed-esm' : 'installed-cjs');
  });
}
