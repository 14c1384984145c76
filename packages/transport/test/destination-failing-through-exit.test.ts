import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixture, packageRoot, tempDir } from './support/records.js';

// A destination that still fails when the process ends (SECURITY.md section 3: delivered + counted
// drops = logged, exactly): what the exit drain gives up on is counted and reported, a file never ends
// with a torn record, a destination gone for good (a closed pipe) is final, and a failing destination
// costs an idle app almost no CPU.

const COUNT = 20_000;

interface Stats {
  recordsWritten: number;
  destinationDropped: number;
  dropped: Record<string, number>;
  writeErrors: number;
}

interface Report {
  report: string;
  stats?: Stats;
  errors?: { code: string; message: string }[];
  outcome?: { flush: string; close: string };
  cpuMs?: number;
  wallMs?: number;
}

interface Run {
  status: number | null;
  stderr: string;
  reports: Report[];
  /** Lines the parent read from the child's stdout before it closed its end (if it read any). */
  linesRead: number;
}

/**
 * Runs failing-through-exit.mjs. `stdout`: 'closed' closes the reading end at once (every write
 * fails with EPIPE), 'one-line' closes it after the first line (as `| head -1` does), 'ignored' drops it.
 */
function run(
  dest: string,
  mode: string,
  stdout: 'closed' | 'one-line' | 'ignored',
  secondFile?: string,
  count = COUNT,
): Promise<Run> {
  const args = [fixture('failing-through-exit.mjs'), dest, String(count), mode];
  if (secondFile !== undefined) args.push(secondFile);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: packageRoot,
      stdio: ['ignore', stdout === 'ignored' ? 'ignore' : 'pipe', 'pipe'],
      timeout: 120_000,
      killSignal: 'SIGKILL',
    });
    let stderr = '';
    let linesRead = 0;
    if (stdout === 'closed') child.stdout?.destroy();
    if (stdout === 'one-line') {
      let text = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('\n')) {
          linesRead = 1;
          child.stdout?.destroy();
        }
      });
    }
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      const reports = stderr
        .split('\n')
        .filter((line) => line.startsWith('{"report"'))
        .map((line) => JSON.parse(line) as Report);
      resolve({ status, stderr, reports, linesRead });
    });
  });
}

/** The stats the fixture wrote after the exit drain. */
function exitStats(result: Run): Stats {
  const stats = result.reports.find((report) => report.stats !== undefined)?.stats;
  assert.ok(stats !== undefined, `no stats report: ${result.stderr}`);
  return stats;
}

function droppedByPolicy(stats: Stats): number {
  return Object.values(stats.dropped).reduce((sum, n) => sum + n, 0);
}

/** The stderr line that says what the exit drain gave up on, with its count. */
function reportedExitDrops(stderr: string): number {
  const match = /sluice: (\d+) records? could not be written[^\n]*dropped/.exec(stderr);
  assert.ok(match !== null, `no drop report on stderr: ${stderr}`);
  return Number(match[1]);
}

test('/dev/full still failing at exit: every record is counted as dropped, in stats() and on stderr', async () => {
  const result = await run('/dev/full', 'exit', 'ignored');
  assert.equal(result.status, 0, result.stderr);
  const stats = exitStats(result);
  assert.equal(stats.recordsWritten, 0);
  assert.equal(stats.recordsWritten + stats.destinationDropped + droppedByPolicy(stats), COUNT);
  assert.equal(reportedExitDrops(result.stderr), stats.destinationDropped);
});

test('/dev/full failing from its first write, 400 records of 2 KB, then exit: every record is counted as dropped, five times', async () => {
  // The worker's first pass reaches its in-flight cap before the first write's failure is known, and
  // 400 records are no burst (no clock ticks to pump again): the exit must still have them given up.
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = await run('/dev/full', 'exit-large', 'ignored', undefined, 400);
    assert.equal(result.status, 0, result.stderr);
    const stats = exitStats(result);
    assert.equal(
      stats.recordsWritten + stats.destinationDropped + droppedByPolicy(stats),
      400,
      `run ${attempt}`,
    );
    assert.equal(reportedExitDrops(result.stderr), stats.destinationDropped, `run ${attempt}`);
  }
});

test('a closed stdout pipe at exit: every record is delivered or counted as dropped', async () => {
  const result = await run('stdout', 'exit', 'closed');
  assert.equal(result.status, 0, result.stderr);
  const stats = exitStats(result);
  assert.equal(stats.recordsWritten + stats.destinationDropped + droppedByPolicy(stats), COUNT);
  assert.ok(stats.destinationDropped > 0);
  assert.match(result.stderr, /EPIPE/, 'the closed pipe is reported');
});

test('a full tmpfs at exit: lines in the file + counted drops = logged, and the file ends with a newline', async (t) => {
  const dir = tempDir('full-tmpfs');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    t.skip('mounting a tmpfs is not permitted here');
    return;
  }
  try {
    const file = join(dir, 'app.log');
    const result = await run(file, 'exit', 'ignored');
    assert.equal(result.status, 0, result.stderr);
    const stats = exitStats(result);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.length > 0, 'the disk took records until it was full');
    assert.equal(text[text.length - 1], '\n', 'the file ends with a whole record');
    const lines = text.split('\n').slice(0, -1);
    for (const line of lines) JSON.parse(line);
    assert.equal(lines.length, stats.recordsWritten, 'stats() counts what the file holds');
    assert.equal(lines.length + stats.destinationDropped + droppedByPolicy(stats), COUNT);
    assert.equal(reportedExitDrops(result.stderr), stats.destinationDropped);
  } finally {
    execFileSync('umount', [dir]);
  }
});

test('a destination that keeps failing costs an idle app almost no CPU, and is still counted at exit (/dev/full, a closed pipe)', async () => {
  for (const [dest, stdout] of [
    ['/dev/full', 'ignored'],
    ['stdout', 'closed'],
  ] as const) {
    const result = await run(dest, 'cpu', stdout);
    const cpu = result.reports.find((report) => report.cpuMs !== undefined);
    assert.ok(cpu?.cpuMs !== undefined && cpu.wallMs !== undefined, result.stderr);
    // Generous: 2% of a core (a retry loop on a 1 ms clock costs several times that).
    assert.ok(cpu.cpuMs < cpu.wallMs * 0.02, `${dest}: ${cpu.cpuMs} ms of CPU over ${cpu.wallMs} ms idle`);
    // Resting while it fails must not keep the exit drain from giving up on it.
    const stats = exitStats(result);
    assert.equal(stats.recordsWritten + stats.destinationDropped + droppedByPolicy(stats), COUNT, dest);
  }
});

test('a closed stdout pipe is final: flush() and close() resolve, onError names the target, the records are counted as dropped', async () => {
  const result = await run('stdout', 'flush', 'closed');
  assert.equal(result.status, 0, result.stderr);
  const outcome = result.reports.find((report) => report.outcome !== undefined)?.outcome;
  assert.deepEqual(outcome, { flush: 'resolved', close: 'resolved' }, result.stderr);
  const { stats, errors } = result.reports.find((report) => report.stats !== undefined) ?? {};
  assert.ok(stats !== undefined && errors !== undefined);
  assert.equal(stats.recordsWritten + stats.destinationDropped, COUNT);
  assert.equal(errors.length, 1, 'reported once');
  assert.equal(errors[0].code, 'EPIPE');
  assert.match(errors[0].message, /stdout/, 'the error names the target');
  assert.doesNotMatch(result.stderr, /retried/);
});

test('after the reader of stdout took one line and left (| head -1), stats().recordsWritten counts what reached the pipe', async () => {
  const result = await run('stdout', 'flush', 'one-line');
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.linesRead, 1);
  const stats = exitStats(result);
  assert.ok(stats.recordsWritten >= 1, `recordsWritten ${stats.recordsWritten}`);
  assert.equal(stats.recordsWritten + stats.destinationDropped, COUNT);
});

test('two targets, stdout left by its reader and a file: the file gets every record, and what stdout lost is counted once', async () => {
  const file = join(tempDir('two-targets'), 'app.log');
  const result = await run('stdout', 'flush', 'one-line', file);
  assert.equal(result.status, 0, result.stderr);
  const stats = exitStats(result);
  assert.equal(readFileSync(file, 'utf8').split('\n').length - 1, COUNT, 'the file has every record');
  assert.ok(stats.destinationDropped > 0, 'stdout lost records');
  // recordsWritten: records every target wrote; the rest were lost by stdout.
  assert.equal(stats.recordsWritten + stats.destinationDropped, COUNT);
});
