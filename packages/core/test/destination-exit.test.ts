import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

// Tests compile to dist-test/; fixtures stay in test/fixtures/ inside the package, where
// `import '@sluice/core'` resolves to the package itself.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../test/fixtures/${name}`, import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'sluice-exit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const LINES = 100_000;

let runs = 0;

/** Runs the fixture to completion and returns its exit status, signal and the file's lines. */
function logThenExit(mode: string, count = LINES, busyThreadpool = false) {
  const file = join(dir, `${mode}-${++runs}.log`);
  const args = [fixture('log-then-exit.mjs'), file, mode, String(count), busyThreadpool ? 'busy' : 'idle'];
  const child = spawnSync(process.execPath, args, {
    cwd: packageRoot,
    encoding: 'utf8',
    env: { ...process.env, UV_THREADPOOL_SIZE: '4' },
  });
  assert.ok(existsSync(file), `the fixture created no file: ${child.stderr}`);
  const text = readFileSync(file, 'utf8');
  assert.ok(text === '' || text.endsWith('\n'), 'the last record is complete');
  const lines = text === '' ? [] : text.split('\n').slice(0, -1);
  return { status: child.status, signal: child.signal, stderr: child.stderr, lines };
}

/** Every line parses and the `i` fields run 0..count-1 in order: nothing lost, torn or repeated. */
function assertAllLines(lines: readonly string[], count = LINES): void {
  for (let i = 0; i < count; i++) {
    const record = JSON.parse(lines[i]) as { i: number; msg: string };
    if (record.i !== i) assert.fail(`line ${i} holds i=${record.i}`);
  }
}

describe('an async destination loses nothing when the process ends', () => {
  test(`natural exit: all ${LINES} lines are written`, () => {
    const result = logThenExit('natural');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.lines.length, LINES);
    assertAllLines(result.lines);
  });

  test(`process.exit() right after logging: all ${LINES} lines are written`, () => {
    const result = logThenExit('exit');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.lines.length, LINES);
    assertAllLines(result.lines);
  });

  test(`an uncaught exception right after logging: all ${LINES} lines are written`, () => {
    const result = logThenExit('throw');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /uncaught on purpose/);
    assert.equal(result.lines.length, LINES);
    assertAllLines(result.lines);
  });

  test('fatal() then SIGKILL: every line before fatal and the fatal line are written', () => {
    const result = logThenExit('fatal');
    assert.equal(result.signal, 'SIGKILL');
    assert.equal(result.lines.length, LINES + 1);
    assertAllLines(result.lines);
    const last = JSON.parse(result.lines[LINES]);
    assert.equal(last.level, 60);
    assert.equal(last.msg, 'last words');
  });

  test("an event's fatal() then SIGKILL: every line before it and its line are written", () => {
    const result = logThenExit('event-fatal');
    assert.equal(result.signal, 'SIGKILL');
    assert.equal(result.lines.length, LINES + 1);
    assertAllLines(result.lines);
    const last = JSON.parse(result.lines[LINES]);
    assert.equal(last.level, 60);
    assert.equal(last.msg, 'event line');
    assert.equal(last.i, LINES);
  });
});

describe('with the libuv threadpool busy, only synchronous writes count', () => {
  // A server's threadpool is often busy (fs, dns, crypto). An async file write then waits in its queue,
  // so these pass only if fatal() and the exit flush write the bytes themselves before returning.
  for (const mode of ['fatal', 'event-fatal']) {
    for (const count of [1, 100, LINES]) {
      test(`${mode} after ${count} async lines, then SIGKILL: all ${count + 1} lines, in order`, () => {
        const result = logThenExit(mode, count, true);
        assert.equal(result.signal, 'SIGKILL');
        assert.equal(result.lines.length, count + 1);
        assertAllLines(result.lines, count);
        assert.equal(JSON.parse(result.lines[count]).level, 60);
      });
    }
  }

  for (const count of [1, LINES]) {
    test(`process.exit() after ${count} async lines: all of them, in order`, () => {
      const result = logThenExit('exit', count, true);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.lines.length, count);
      assertAllLines(result.lines, count);
    });
  }
});

describe('file descriptor destinations', () => {
  test('the default destination is stdout; dest: 1 is stdout and dest: 2 is stderr', () => {
    const child = spawnSync(process.execPath, [fixture('std-destinations.mjs')], {
      cwd: packageRoot,
      encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
    const stdout = child.stdout
      .split('\n')
      .slice(0, -1)
      .map((line) => JSON.parse(line));
    const stderr = child.stderr
      .split('\n')
      .slice(0, -1)
      .map((line) => JSON.parse(line));
    assert.deepEqual(
      stdout.map((r) => [r.name, r.msg]),
      [
        ['default', 'to stdout by default'],
        ['fd1', 'to fd 1'],
      ],
    );
    assert.deepEqual(
      stderr.map((r) => [r.name, r.level, r.msg]),
      [['fd2', 40, 'to fd 2']],
    );
  });
});
