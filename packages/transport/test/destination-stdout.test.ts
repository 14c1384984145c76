import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { assertExactlySeq, fixture, type LogRecord, packageRoot } from './support/records.js';

// stdout as a non-blocking pipe whose reader stops for a while: the writes that meet a full pipe get
// EAGAIN, are retried (every 100 ms, bounded) rather than failed or spun on, and every record arrives.

test('a non-blocking stdout pipe whose reader pauses: EAGAIN is retried and every record arrives once, in order', async () => {
  const count = 20_000; // ~3 MB: far more than a pipe buffer holds
  const child = spawn(process.execPath, [fixture('stdout-flood.mjs'), String(count)], {
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
    stats: { writeErrors: number; recordsWritten: number };
  };
  assert.equal(report.nonBlocking, true, 'fd 1 was a non-blocking pipe');
  assert.equal(report.stats.writeErrors, 0, 'EAGAIN is retried, not counted as a failed write');
  const text = Buffer.concat(chunks).toString('utf8');
  assert.ok(text.endsWith('\n'));
  const records = text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as LogRecord);
  assertExactlySeq(records, count);
});
