import { fork } from 'node:child_process';
import { isScenarioMessage, type ScenarioResult } from '../harness/result.js';
import { RESULTS_DIR_ARG } from '../harness/results-dir.js';
import type { ScenarioEntry } from './scenario-catalog.js';

/** How long one scenario process may run before it is killed: far above a full run's ~15 s. */
const SCENARIO_TIMEOUT_MS = 5 * 60_000;

export type ScenarioOutcome =
  | { readonly ok: true; readonly result: ScenarioResult; readonly elapsedMs: number }
  | { readonly ok: false; readonly error: string; readonly elapsedMs: number };

/**
 * Runs one scenario file in a fresh Node process (`node --expose-gc <file>`), so no scenario's JIT
 * state, heap or open files affect another, and takes its result from the IPC channel. Its stdout and
 * stderr go to this process's stderr, so `--json` output stays clean.
 */
export function runScenarioProcess(
  entry: ScenarioEntry,
  quick: boolean,
  resultsDir: string,
  extraArgs: readonly string[] = [],
): Promise<ScenarioOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const args = [...(quick ? ['--quick'] : []), `${RESULTS_DIR_ARG}${resultsDir}`, ...extraArgs];
    const child = fork(entry.file, args, {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stdout?.pipe(process.stderr);
    child.stderr?.pipe(process.stderr);
    let result: ScenarioResult | null = null;
    let failure: string | null = null;
    const timer = setTimeout(() => {
      failure = `timed out after ${SCENARIO_TIMEOUT_MS / 1000} s`;
      child.kill('SIGKILL');
    }, SCENARIO_TIMEOUT_MS);
    child.on('message', (message) => {
      if (isScenarioMessage(message)) result = message.result;
    });
    child.on('error', (error) => {
      failure ??= error.message;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const elapsedMs = Date.now() - started;
      if (failure === null && code === 0 && result !== null) {
        resolve({ ok: true, result, elapsedMs });
        return;
      }
      const reason =
        failure ??
        (result === null && code === 0 ? 'exited without a result' : `exited with ${signal ?? code}`);
      resolve({ ok: false, error: reason, elapsedMs });
    });
  });
}
