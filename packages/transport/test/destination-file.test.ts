import assert from 'node:assert/strict';
import { renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogger } from '@sluice/core';
import { createTransport } from '../dist/esm/index.js';
import { closeTransport } from './support/close-transport.js';
import { assertExactlySeq, readRecords, runFixture, tempDir } from './support/records.js';

// File targets: created with the directories and permission bits asked for, appended to or truncated
// once, and re-opened at their path after an external rotation (reopen(), or an opted-in signal).

const dir = tempDir('file-dest');

test('mkdir creates missing directories; mode sets the new file’s permission bits', async () => {
  const file = join(dir, 'deep', 'er', 'app.log');
  const transport = createTransport({ dest: { type: 'file', path: file, mkdir: true, mode: 0o600 } });
  createLogger({ transport }).info({ seq: 0 }, 'made');
  await closeTransport(transport);
  assertExactlySeq(readRecords(file), 1);
  assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('append keeps what the file had; append: false truncates it once, at start', async () => {
  const kept = join(dir, 'kept.log');
  const truncated = join(dir, 'truncated.log');
  writeFileSync(kept, '{"old":true}\n');
  writeFileSync(truncated, '{"old":true}\n');
  const transport = createTransport({
    targets: [
      { dest: { type: 'file', path: kept } },
      { dest: { type: 'file', path: truncated, append: false } },
    ],
  });
  createLogger({ transport }).info({ seq: 0 }, 'new');
  await closeTransport(transport);
  assert.equal(readRecords(kept).length, 2);
  assert.equal(readRecords(kept)[0].old, true);
  assert.equal(readRecords(truncated).length, 1);
  assert.equal(readRecords(truncated)[0].seq, 0);
});

test('reopen() after the file was renamed: old records stay in the renamed file, new ones go to a new file', async () => {
  const file = join(dir, 'rotated.log');
  const transport = createTransport({ dest: file });
  const log = createLogger({ transport });
  for (let seq = 0; seq < 1_000; seq++) log.info({ seq }, 'first');
  await transport.flush();
  renameSync(file, `${file}.1`);
  await transport.reopen();
  for (let seq = 1_000; seq < 2_000; seq++) log.info({ seq }, 'second');
  await closeTransport(transport);
  const first = readRecords(`${file}.1`);
  const second = readRecords(file);
  assertExactlySeq([...first, ...second], 2_000);
  assert.ok(first.every((r) => r.msg === 'first'));
  assert.ok(second.every((r) => r.msg === 'second'));
});

for (const signal of ['SIGHUP', 'SIGUSR2'] as const) {
  test(`reopenOn: ['${signal}'] re-opens the file on that signal; without it the signal keeps its default action`, async () => {
    const file = join(dir, `signal-${signal}.log`);
    const run = await runFixture('reopen-on-signal.mjs', [file, signal, 'yes']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'done\n');
    const before = readRecords(`${file}.1`);
    const after = readRecords(file);
    assert.ok(before.every((r) => r.msg === 'before rotation'));
    assert.ok(after.every((r) => r.msg === 'after rotation'));
    assertExactlySeq([...before, ...after], 1_000);

    const plain = join(dir, `default-${signal}.log`);
    const killed = await runFixture('reopen-on-signal.mjs', [plain, signal, 'no']);
    assert.equal(killed.signal, signal, 'no handler was installed: the default action ended the process');
  });
}
