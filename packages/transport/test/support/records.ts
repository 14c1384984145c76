import assert from 'node:assert/strict';
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/**
 * Helpers shared by the transport tests: fixture paths, temp dirs, child processes, and exact record
 * accounting (every record carries a unique `seq`, and per-producer order must hold).
 */

// Tests compile to dist-test/; fixtures stay in test/fixtures/ inside the package, where
// `import '@sluice/core'` and `import '@sluice/transport'` resolve.
export const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixture = (name: string): string => join(packageRoot, 'test', 'fixtures', name);

/** SLUICE_LONG_TESTS=1 restores full-size runs (1M records); the default keeps the suite quick. */
export const LONG = process.env.SLUICE_LONG_TESTS === '1';
export const scaled = (quick: number, long = 1_000_000): number => (LONG ? long : quick);

/** The non-empty lines of a file. */
export function fileLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

/** Liveness, not speed: waits until the file holds `count` lines, failing after `limitMs`. */
export async function untilFileLines(file: string, count: number, limitMs = 10_000): Promise<void> {
  const giveUpAt = Date.now() + limitMs;
  while (fileLines(file).length < count) {
    if (Date.now() > giveUpAt) assert.fail(`${fileLines(file).length} of ${count} lines after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** A fresh temp dir, removed when the process ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sluice-${prefix}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A fixture that hangs is killed after this long, so a hang fails its test instead of the whole run. */
const FIXTURE_TIMEOUT_MS = 120_000;

/**
 * Runs `node <fixture> ...args` from the package root and resolves when it ends. `onStdout` sees each
 * chunk of its output with the child (to signal it once it says it is ready).
 */
export function runFixture(
  name: string,
  args: readonly string[],
  options: SpawnOptions = {},
  onStdout?: (chunk: string, child: ChildProcess) => void,
): Promise<ChildResult> {
  return runChild(process.execPath, [fixture(name), ...args], options, onStdout);
}

/**
 * A fixture run in a shell pipeline, `node <fixture> <args> | <reader>`, so that its stdout is a real
 * pipe (a child process's stdio 'pipe' is a socket): what `reader` writes, and the fixture's stderr.
 */
export function runFixtureIntoPipe(
  name: string,
  args: readonly string[],
  reader: string,
): Promise<ChildResult> {
  const quoted = [process.execPath, fixture(name), ...args].map(
    (word) => `'${word.replaceAll("'", "'\\''")}'`,
  );
  return runChild('sh', ['-c', `${quoted.join(' ')} | ${reader}`], {});
}

function runChild(
  command: string,
  args: readonly string[],
  options: SpawnOptions,
  onStdout?: (chunk: string, child: ChildProcess) => void,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: FIXTURE_TIMEOUT_MS,
      killSignal: 'SIGKILL',
      ...options,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onStdout?.(chunk, child);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** The last stdout line of a fixture, parsed (fixtures report stats() that way). */
export function lastJsonLine<T = Record<string, unknown>>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

export type LogRecord = Record<string, unknown> & { level: number; msg?: string };

/**
 * Every line of `file`, parsed: fails on a file that does not end with a newline (a torn last record)
 * or on any line that is not one JSON object (a torn or interleaved record).
 */
export function readRecords(file: string): LogRecord[] {
  const text = readFileSync(file, 'utf8');
  if (text === '') return [];
  assert.ok(text.endsWith('\n'), `the last record of ${file} is complete`);
  const lines = text.slice(0, -1).split('\n');
  return lines.map((line, index) => {
    try {
      const record = JSON.parse(line) as LogRecord;
      assert.equal(typeof record, 'object');
      return record;
    } catch {
      return assert.fail(`line ${index + 1} of ${file} is not one JSON record: ${line.slice(0, 300)}`);
    }
  });
}

/** A drop report the sink worker writes: `{"level":40,...,"dropped":{"info":N},"msg":"sluice dropped N records"}`. */
export function isDropReport(record: LogRecord): boolean {
  return typeof record.dropped === 'object' && record.dropped !== null;
}

/** Sums the per-level counts of every drop report. */
export function droppedByReports(records: readonly LogRecord[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const record of records) {
    if (!isDropReport(record)) continue;
    const dropped = record.dropped as Record<string, number>;
    let total = 0;
    for (const [level, count] of Object.entries(dropped)) {
      totals[level] = (totals[level] ?? 0) + count;
      total += count;
    }
    assert.equal(record.level, 40, 'a drop report is a warn record');
    assert.equal(record.msg, `sluice dropped ${total} records`);
  }
  return totals;
}

/**
 * Checks records that carry `seq` (and, with several producers, `producer`): no `seq` twice per producer,
 * each producer's records in the order it logged them. Returns the number of records per producer.
 */
export function assertNoDuplicatesInOrder(records: readonly LogRecord[]): Map<unknown, number> {
  const last = new Map<unknown, number>();
  const counts = new Map<unknown, number>();
  for (const record of records) {
    if (record.seq === undefined) continue;
    const producer = record.producer ?? 0;
    const seq = record.seq as number;
    const previous = last.get(producer) ?? -1;
    if (seq <= previous) {
      assert.fail(
        `producer ${String(producer)}: seq ${seq} after ${previous} (${seq === previous ? 'a duplicate' : 'out of order'})`,
      );
    }
    last.set(producer, seq);
    counts.set(producer, (counts.get(producer) ?? 0) + 1);
  }
  return counts;
}

/** What fixtures/torn-check.mjs writes into `check`: a record torn or spliced with another's cannot match it. */
export const expectedCheck = (producer: unknown, seq: number): string =>
  `${String(producer)}:`.repeat(seq % 40);

/**
 * Records `seq` from..from+count-1 of producer 0 (with their check field), `gapMs` apart, as a server
 * logs between requests: each call yields to the event loop.
 */
export async function logSpaced(
  log: { info(fields: object, msg: string): void },
  from: number,
  count: number,
  gapMs = 2,
): Promise<void> {
  for (let seq = from; seq < from + count; seq++) {
    log.info({ producer: 0, seq, check: expectedCheck(0, seq) }, 'spaced');
    await sleep(gapMs);
  }
}

/** Exactly the records `seq` 0..count-1 (of one producer), each once and in order. */
export function assertExactlySeq(records: readonly LogRecord[], count: number, producer: unknown = 0): void {
  const seqs = records.filter((r) => (r.producer ?? 0) === producer && r.seq !== undefined);
  if (seqs.length !== count) {
    const seen = new Set(seqs.map((r) => r.seq));
    const missing: number[] = [];
    for (let i = 0; i < count && missing.length < 5; i++) if (!seen.has(i)) missing.push(i);
    assert.fail(
      `producer ${String(producer)}: ${seqs.length} records delivered, ${count} logged` +
        (missing.length > 0 ? `; missing seq ${missing.join(', ')}...` : ''),
    );
  }
  for (let i = 0; i < count; i++) {
    if (seqs[i].seq !== i)
      assert.fail(`producer ${String(producer)}: record ${i} holds seq ${String(seqs[i].seq)}`);
  }
}

/** The sink worker keeps at most this much handed to the destination but unacknowledged. */
const MAX_IN_FLIGHT_BYTES = 4 * 64 * 1024;

/**
 * The records with each `seq` kept at its first appearance (records without one, drop reports, all kept). A repeat can only be a write a killed sink
 * worker issued but never saw complete (the at-least-once window of DESIGN.md), so repeats are bounded
 * by what `crashes` dead workers had in flight.
 */
export function firstAppearances(records: readonly LogRecord[], crashes: number): LogRecord[] {
  const seen = new Set<unknown>();
  const unique = records.filter(
    (record) => record.seq === undefined || (!seen.has(record.seq) && seen.add(record.seq)),
  );
  const repeats = records.length - unique.length;
  if (repeats === 0) return unique;
  const recordBytes = JSON.stringify(records[0]).length + 1;
  const bound = crashes * Math.ceil(MAX_IN_FLIGHT_BYTES / recordBytes);
  assert.ok(
    repeats <= bound,
    `${repeats} records delivered twice: more than ${crashes} crashes had in flight`,
  );
  return unique;
}

/**
 * Two files that must be byte-identical (the sink worker's output and the sync destination's): fails
 * naming the first line that differs. Returns the lines of `expectedFile`.
 */
export function assertSameFile(actualFile: string, expectedFile: string): string[] {
  const actual = readFileSync(actualFile, 'utf8');
  const expected = readFileSync(expectedFile, 'utf8');
  const actualLines = actual.split('\n');
  const expectedLines = expected.split('\n');
  const differs = expectedLines.findIndex((line, i) => line !== actualLines[i]);
  assert.equal(
    differs,
    -1,
    `line ${differs + 1} differs:\n worker: ${actualLines[differs]?.slice(0, 300)}\n   sync: ${expectedLines[differs]?.slice(0, 300)}`,
  );
  assert.equal(actualLines.length, expectedLines.length, 'as many lines through the worker as through sync');
  assert.ok(actual === expected, 'byte-identical files');
  return expectedLines;
}
