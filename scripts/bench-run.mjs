// Shared by the bench scripts: builds @sluice/bench and the packages it depends on (turbo, cached),
// then runs one of its compiled entry points with this command's arguments and exits with its status.
// Turbo's output goes to stderr, keeping stdout for the report (or --json).
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function buildAndRun(entry) {
  const require = createRequire(import.meta.url);
  const turbo = require.resolve('turbo/bin/turbo');
  execFileSync(
    process.execPath,
    [turbo, 'run', 'build', '--filter=@sluice/bench...', '--output-logs=errors-only'],
    { cwd: root, stdio: ['ignore', 2, 2], env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
  );
  const script = join(root, 'packages', 'bench', 'dist', entry);
  const { status, signal } = spawnSync(process.execPath, [script, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exitCode = status ?? (signal ? 1 : 0);
}
