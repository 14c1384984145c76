import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const fixture = fileURLToPath(new URL('../test/fixtures/sync-stdout-flood.mjs', import.meta.url));

// The sync destination writes straight to the fd while sonic-boom holds nothing; a write that meets a
// full non-blocking pipe (EAGAIN) must still be retried by sonic-boom, with every record written once.
test('the default destination on a non-blocking stdout pipe whose reader pauses: every record arrives once, in order', async () => {
  const count = 20_000; // ~3 MB: far more than a pipe buffer holds
  const child = spawn(process.execPath, [fixture, String(count)], {
    cwd: packageRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // Do not read for a while: the pipe fills and the child's writes meet EAGAIN.
  child.stdout.pause();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stdout.resume();
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(status, 0, stderr);
  const report = JSON.parse(stderr.trim().split('\n').pop() ?? '{}') as {
    nonBlocking: boolean;
    errors: number;
  };
  assert.equal(report.nonBlocking, true, 'fd 1 was a non-blocking pipe');
  assert.equal(report.errors, 0, 'EAGAIN is retried, not counted as a failed write');
  const text = Buffer.concat(chunks).toString('utf8');
  assert.ok(text.endsWith('\n'), 'the output ends with a whole line');
  const seqs = text
    .slice(0, -1)
    .split('\n')
    .map((line) => (JSON.parse(line) as { seq: number }).seq);
  assert.equal(seqs.length, count);
  for (let i = 0; i < count; i++) assert.equal(seqs[i], i, `record ${i} in order`);
});
