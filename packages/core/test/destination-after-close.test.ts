import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { destination, SluiceConfigError } from '../dist/esm/index.js';

// After destination().close(): later records are dropped, said once on stderr and counted in
// `dropped`; flush() resolves; nothing throws into the caller. Run in a child process, whose stderr is
// the app's.

const dir = mkdtempSync(join(tmpdir(), 'sluice-after-close-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const fixture = fileURLToPath(new URL('../test/fixtures/log-after-close.mjs', import.meta.url));

for (const mode of ['sync', 'async'] as const) {
  test(`${mode}: records after close() are counted in dropped, said in one stderr line, flush() resolves`, () => {
    const file = join(dir, `${mode}.log`);
    const child = spawnSync(process.execPath, [fixture, file, mode, '5'], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    const outcome = JSON.parse(child.stdout);
    assert.deepEqual(outcome, {
      flushAfterClose: 'resolved',
      flushBetween: 'resolved',
      threw: null,
      dropped: 5,
    });
    const stderrLines = child.stderr.split('\n').filter((line) => line !== '');
    assert.equal(stderrLines.length, 1, child.stderr);
    assert.match(stderrLines[0], /^sluice: .*closed.*dropped/);
    assert.deepEqual(
      readFileSync(file, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).msg),
      ['before close'],
    );
  });
}

test('a file in a missing directory: the config error says mkdir: true creates it', () => {
  const path = join(dir, 'missing', 'app.log');
  assert.throws(
    () => destination({ dest: path }),
    (error: unknown) =>
      error instanceof SluiceConfigError &&
      /ENOENT.*\(mkdir: true creates missing directories\)$/.test(error.message),
  );
});
