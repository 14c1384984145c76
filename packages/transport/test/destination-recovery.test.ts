import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  assertExactlySeq,
  assertNoDuplicatesInOrder,
  droppedByReports,
  fixture,
  isDropReport,
  type LogRecord,
  packageRoot,
  readRecords,
  runFixture,
  scaled,
  tempDir,
} from './support/records.js';

// Destinations that fail or stall while the app logs: the app keeps running, a failure is reported
// once, the process stays idle while it cannot write, and writing resumes when the destination
// recovers, with every record accounted for. destination-faults.test covers ENOSPC (/dev/full).

const COUNT = scaled(5_000, 100_000);
const dir = tempDir('destination-recovery');

interface Phase {
  phase: string;
  [key: string]: unknown;
}

interface Stats {
  dropped: Record<string, number>;
  writeErrors: number;
  recordsWritten: number;
}

/** Spawns a fixture and hands each JSON line it prints (on `stream`) to `onPhase` as it arrives. */
function spawnWithPhases(
  args: readonly string[],
  stream: 'stdout' | 'stderr',
  onPhase: (phase: Phase, child: ChildProcess) => void,
): { child: ChildProcess; done: Promise<{ status: number | null; phases: Phase[]; stderr: string }> } {
  const child = spawn(process.execPath, [fixture('destination-recovery.mjs'), ...args], {
    cwd: packageRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
    killSignal: 'SIGKILL',
  });
  const phases: Phase[] = [];
  let stderr = '';
  let pending = '';
  child[stream]?.setEncoding('utf8').on('data', (chunk: string) => {
    if (stream === 'stderr') stderr += chunk;
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
      if (!line.startsWith('{"phase"')) continue;
      const phase = JSON.parse(line) as Phase;
      phases.push(phase);
      onPhase(phase, child);
    }
  });
  if (stream === 'stdout') child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{ status: number | null; phases: Phase[]; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, phases, stderr }));
  });
  return { child, done };
}

/** Resolves with the exit status; call it when spawning, before the child can have ended. */
function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('close', resolve));
}

/** CPU time (user + system) a process has used, in ms, from /proc (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat(5), counted after the ')' that ends the command name (field 2).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const sumOf = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

describe('a pipe whose reader goes away (EPIPE), then a new reader', () => {
  test('the app keeps running, the failure is reported once, no CPU spent while failing, every record accounted for after recovery', async () => {
    const fifo = join(dir, 'epipe.fifo');
    const firstPart = join(dir, 'epipe.1');
    const secondPart = join(dir, 'epipe.2');
    execFileSync('mkfifo', [fifo]);
    // The first reader takes exactly 20000 bytes (one at a time, so it consumes no more) and leaves.
    const firstReader = exited(
      spawn('sh', ['-c', 'dd if="$1" of="$2" bs=1 count=20000 status=none', 'sh', fifo, firstPart]),
    );
    let secondReader: Promise<number | null> | null = null;
    const { done } = spawnWithPhases(['epipe', fifo, String(COUNT)], 'stdout', (phase) => {
      if (phase.phase === 'failing')
        secondReader = exited(spawn('sh', ['-c', 'exec cat "$1" > "$2"', 'sh', fifo, secondPart]));
    });
    const run = await done;
    assert.equal(await firstReader, 0);
    assert.ok(secondReader !== null, `the app reported its failing phase: ${run.stderr}`);
    assert.equal(await secondReader, 0);
    assert.equal(run.status, 0, run.stderr);

    const failing = run.phases.find((p) => p.phase === 'failing') as Phase & {
      idleCpuMs: number;
      flushWhileFailing: string;
    };
    const report = run.phases.find((p) => p.phase === 'done') as Phase & {
      logged: number;
      stats: Stats;
      warnings: string[];
    };
    assert.equal(failing.flushWhileFailing, 'ERR_SLUICE_DESTINATION', 'flush() rejects while writes fail');
    assert.ok(failing.idleCpuMs < 500, `CPU ${failing.idleCpuMs} ms over 1 s while the pipe has no reader`);
    assert.ok(report.stats.writeErrors >= 1, 'the write error is counted');
    assert.equal(report.warnings.filter((w) => /EPIPE/.test(w)).length, 1, report.warnings.join('\n'));
    assert.equal(run.stderr.match(/EPIPE/g)?.length, 1, `reported once on stderr: ${run.stderr}`);

    // What both readers got, in order, is the stream the app wrote.
    const all = join(dir, 'epipe.all');
    writeFileSync(all, Buffer.concat([readFileSync(firstPart), readFileSync(secondPart)]));
    const records = readRecords(all);
    const delivered = records.filter((r) => !isDropReport(r));
    assertNoDuplicatesInOrder(delivered);
    const dropped = droppedByReports(records);
    assert.equal(sumOf(dropped), sumOf(report.stats.dropped), 'stats().dropped matches the drop reports');
    assert.equal(delivered.length + sumOf(dropped), report.logged, 'delivered + counted drops = logged');
    // Logged after the recovery: nothing is dropped.
    assertExactlySeq(
      delivered
        .filter((r) => (r.seq as number) >= 2 * COUNT)
        .map((r) => ({ ...r, seq: (r.seq as number) - 2 * COUNT })),
      COUNT,
    );
    assert.equal(report.stats.recordsWritten, delivered.length);
  });
});

describe('a reader that stalls, then resumes (EAGAIN on a non-blocking socket)', () => {
  test('the blocked app uses no CPU while stalled, and every record arrives once, in order', async () => {
    const count = scaled(50_000);
    let stalled: Promise<number> | null = null;
    const phasesSoFar: Phase[] = [];
    const { child, done } = spawnWithPhases(['stall', '1', String(count)], 'stderr', (phase, proc) => {
      phasesSoFar.push(phase);
      if (phase.phase !== 'logging') return;
      assert.equal(
        phase.nonBlocking,
        true,
        'stdout is non-blocking: a full socket makes writes fail with EAGAIN',
      );
      // Nobody reads stdout yet: the socket fills, the ring fills, the producer blocks.
      stalled = (async () => {
        await sleep(500);
        const before = cpuMsOf(proc.pid as number);
        await sleep(2000);
        return cpuMsOf(proc.pid as number) - before;
      })();
    });
    child.stdout?.pause();
    const out: Buffer[] = [];
    while (stalled === null) await sleep(20);
    const stallCpuMs = await stalled;
    const finishedDuringStall = phasesSoFar.some((p) => p.phase === 'done');
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stdout?.resume();
    const run = await done;
    assert.equal(run.status, 0, run.stderr);
    assert.equal(finishedDuringStall, false, 'the app could not finish while nobody read');
    assert.ok(stallCpuMs < 1000, `CPU ${stallCpuMs} ms over a 2 s stall (bound: half a core)`);
    const report = run.phases.find((p) => p.phase === 'done') as Phase & { stats: Stats };
    const file = join(dir, 'stall.out');
    writeFileSync(file, Buffer.concat(out));
    const records = readRecords(file);
    assertExactlySeq(records, count);
    assert.equal(records.length, count, 'no drop report: the block policy waited');
    assert.equal(report.stats.writeErrors, 0, 'EAGAIN is waited out, not an error');
  });
});

describe('the log file deleted while the app logs', () => {
  const file = join(dir, 'deleted.log');
  let report: Phase & {
    logged: number;
    flushed: string;
    stats: Stats;
    warnings: string[];
    stillOpen: string | null;
  };

  test('the app keeps running without an error, and every record reaches the file it opened', async () => {
    const run = await runFixture('destination-recovery.mjs', ['deleted', file, String(COUNT)]);
    assert.equal(run.status, 0, run.stderr);
    report = JSON.parse(run.stdout.trim().split('\n').pop() as string);
    assert.equal(report.flushed, 'resolved');
    assert.equal(report.stats.writeErrors, 0);
    assert.deepEqual(report.warnings, []);
    assert.ok(report.stillOpen !== null, 'the unlinked file is still open');
    const copy = join(dir, 'deleted.copy');
    writeFileSync(copy, report.stillOpen);
    assertExactlySeq(readRecords(copy), 2 * COUNT);
  });

  test('after reopen() (logrotate, reopenOn), records reach a new file at the path, none lost', () => {
    assert.ok(existsSync(file), 'a new file at the path');
    const after = readRecords(file);
    assert.equal(after.length, COUNT);
    assert.deepEqual(
      after.map((record) => record.seq),
      Array.from({ length: COUNT }, (_, i) => 2 * COUNT + i),
    );
    assert.equal(report.logged, 3 * COUNT);
  });
});

describe('a log file the process may not write (EACCES, as a non-root user)', () => {
  test('createTransport throws a SluiceConfigError naming the file and the cause; the app goes on', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    // mkdtemp made the parent 0700: let the other user reach the file, so only its own mode refuses.
    chmodSync(dir, 0o755);
    chmodSync(locked, 0o755);
    const file = join(locked, 'app.log');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    closeSync(openSync(file, 'a')); // Control: its owner (root, running this test) may open it.
    const run = await runFixture('open-refused.mjs', [file], { uid: 65534, gid: 65534 });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout.trim()) as {
      uid: number;
      refused: { isConfigError: boolean; code: string; message: string } | null;
    };
    assert.equal(report.uid, 65534);
    assert.ok(report.refused !== null, 'createTransport refused the file');
    assert.equal(report.refused.isConfigError, true);
    assert.equal(report.refused.code, 'ERR_SLUICE_CONFIG');
    assert.match(report.refused.message, /EACCES/);
    assert.ok(report.refused.message.includes(file), report.refused.message);
    const fallback = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogRecord);
    assert.deepEqual(
      fallback.map((r) => [r.msg, r.fallback]),
      [['still logging', true]],
    );
    assert.equal(readFileSync(file, 'utf8'), '', 'nothing was written to the refused file');
  });
});
