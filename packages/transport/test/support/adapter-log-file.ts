import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** A directory for one test file's logs, removed after the file's tests. */
export function tempLogDir(prefix: string): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), `sluice-${prefix}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return (name) => join(dir, name);
}

/** The file's lines, each without its newline; asserts nothing after the last newline. */
export function readLines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  if (text.length === 0) return [];
  if (!text.endsWith('\n')) throw new Error(`${file} ends mid-line: ${JSON.stringify(text.slice(-80))}`);
  return text.slice(0, -1).split('\n');
}

/** Every line parsed as JSON (a line that is not JSON fails the test with its text). */
export function readJsonLines(file: string): Record<string, any>[] {
  return readLines(file).map((line, i) => {
    try {
      return JSON.parse(line) as Record<string, any>;
    } catch {
      throw new Error(`line ${i + 1} of ${file} is not JSON: ${line.slice(0, 200)}`);
    }
  });
}

export interface FixtureRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs test/fixtures/<name> with node (tests run from dist-test/, fixtures stay in test/). */
export function runFixture(name: string, args: readonly string[]): Promise<FixtureRun> {
  const script = new URL(`../../test/fixtures/${name}`, import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script.pathname, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
