import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  assertNoDuplicatesInOrder,
  type ChildResult,
  droppedByReports,
  fixture,
  isDropReport,
  packageRoot,
  readRecords,
  tempDir,
} from './support/records.js';

// policy 'block' through a destination that never drains (a FIFO whose reader does not read): a call
// waits at most blockTimeoutMs, then the record is dropped, counted under its level and reported; a
// signal then ends the process as its default action would, and the exit timeout ends it on every path.

const dir = tempDir('bounded-block');
/** The fixture's bounds (bounded-block.mjs): blockTimeoutMs 300, exitTimeoutMs 500. */
const FIXTURE_BOUNDS_MS = 300 + 500;
/**
 * A safety net, not a timing assert: a process still alive this long after the bounds is hung. It is
 * then killed by SIGALRM, which nothing in the fixture sends, so a hang shows as that signal.
 */
const HUNG_AFTER_MS = 4 * FIXTURE_BOUNDS_MS + 10_000;
const COUNT = 5_000;

/** A FIFO and a reader that opens it (so the sink's open returns) but reads only once `marker` exists. */
function stalledFifo(
  name: string,
  marker: string | null,
): { fifo: string; out: string; reader: ChildProcess } {
  const fifo = join(dir, `${name}.fifo`);
  const out = join(dir, `${name}.out`);
  execFileSync('mkfifo', [fifo]);
  const script =
    marker === null
      ? 'exec 3<"$1"; exec sleep 600'
      : 'exec 3<"$1"; while [ ! -e "$3" ]; do sleep 0.05; done; exec cat <&3 > "$2"';
  const reader = spawn('sh', ['-c', script, 'sh', fifo, out, marker ?? ''], { stdio: 'ignore' });
  return { fifo, out, reader };
}

function runBoundedBlock(
  args: readonly string[],
  onStderr: (child: ChildProcess, text: string) => void = () => {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fixture('bounded-block.mjs'), ...args], {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: HUNG_AFTER_MS,
      killSignal: 'SIGALRM',
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      onStderr(child, stderr);
    });
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

interface Stats {
  dropped: Record<string, number>;
  recordsWritten: number;
}

describe("policy 'block' through a destination that never drains", () => {
  test('a blocked call returns after blockTimeoutMs; the records it gave up on are counted per level and reported', async () => {
    const marker = join(dir, 'count.logged');
    const { fifo, out, reader } = stalledFifo('count', marker);
    const readerDone = new Promise<number | null>((resolve) => reader.on('close', resolve));
    const run = await runBoundedBlock([fifo, 'count', String(COUNT), marker]);
    reader.kill('SIGKILL');
    await readerDone;
    assert.equal(run.signal, null, `the calls returned (the fixture ended by ${run.signal}) ${run.stderr}`);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const returned = lines.find((line) => line.returned) as { stats: Stats };
    const closed = lines.find((line) => line.closed) as { stats: Stats };
    assert.ok(returned !== undefined && closed !== undefined, run.stdout);
    const droppedWhileStalled = Object.values(returned.stats.dropped).reduce((a, b) => a + b, 0);
    assert.ok(droppedWhileStalled > 0, 'records were dropped once the bounded wait ran out');
    assert.ok(returned.stats.dropped.info > 0, 'counted under their own level');

    const records = readRecords(out);
    const delivered = records.filter((r) => !isDropReport(r));
    assertNoDuplicatesInOrder(delivered);
    const reported = droppedByReports(records);
    const reportedTotal = Object.values(reported).reduce((a, b) => a + b, 0);
    assert.equal(delivered.length + reportedTotal, COUNT, 'delivered + counted drops = logged');
    for (const [level, count] of Object.entries(closed.stats.dropped)) {
      assert.equal(count, reported[level] ?? 0, `stats().dropped.${level} matches the drop reports`);
    }
    assert.equal(closed.stats.dropped.fatal, 0, 'no fatal drop that never happened');
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal} during a blocked call ends the process by ${signal}`, async () => {
      const { fifo, reader } = stalledFifo(signal, null);
      let sent = false;
      const run = await runBoundedBlock([fifo, signal.toLowerCase(), String(COUNT)], (child, stderr) => {
        if (!sent && stderr.includes('logging\n')) {
          sent = true;
          child.kill(signal);
        }
      });
      reader.kill('SIGKILL');
      assert.ok(sent, run.stderr);
      assert.notEqual(run.signal, 'SIGALRM', `still alive long after the bounds: hung ${run.stderr}`);
      assert.equal(run.signal, signal, `ended by ${run.signal} (status ${run.status}) ${run.stderr}`);
    });
  }

  for (const mode of ['exit', 'natural'] as const) {
    test(`the exit timeout ends the process at ${mode === 'exit' ? 'process.exit()' : 'a natural exit'}, with a write blocked for good`, async () => {
      const { fifo, reader } = stalledFifo(mode, null);
      const run = await runBoundedBlock([fifo, mode, String(COUNT)]);
      reader.kill('SIGKILL');
      assert.notEqual(run.signal, 'SIGALRM', `still alive long after the bounds: hung ${run.stderr}`);
      // Node cannot end the process while a thread sits in that write() but by a signal (DESIGN.md).
      assert.equal(run.signal, 'SIGKILL', `ended by ${run.signal} (status ${run.status}) ${run.stderr}`);
    });
  }
});
