#!/usr/bin/env node
// `pnpm bench [--filter <suite|scenario>] [--quick] [--json]`: builds @sluice/bench and the packages it
// depends on (turbo, cached), then runs its CLI with this command's arguments. pnpm passes the options
// that follow a script's name to the script, so `pnpm bench --filter core` arrives here as
// `--filter core`. Turbo's output goes to stderr, keeping stdout for the report (or --json).
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const turbo = require.resolve('turbo/bin/turbo');

execFileSync(
  process.execPath,
  [turbo, 'run', 'build', '--filter=@sluice/bench...', '--output-logs=errors-only'],
  { cwd: root, stdio: ['ignore', 2, 2], env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
);

const cli = join(root, 'packages', 'bench', 'dist', 'cli.js');
const { status, signal } = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exitCode = status ?? (signal ? 1 : 0);
