import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeFrame, topAllocationSites, topSelfTime } from '../dist/profile/profile-summary.js';

const frame = (functionName: string, url = 'file:///a/b/c/d.js', lineNumber = 9) => ({
  functionName,
  url,
  lineNumber,
  columnNumber: 0,
});

test('topSelfTime sums each function over its nodes, a sample counting the time until the next one', () => {
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', '') },
      { id: 2, callFrame: frame('hot') },
      { id: 3, callFrame: frame('cold') },
      // The same function reached from another caller: a second node.
      { id: 4, callFrame: frame('hot') },
    ],
    // timeDeltas[i]: from sample i-1 to sample i (the same length as samples).
    samples: [2, 3, 4, 2],
    timeDeltas: [0, 1000, 500, 2000],
  };
  const rows = topSelfTime(profile, 10);
  assert.deepEqual(
    rows.map((row) => [row.site, row.value]),
    [
      // hot: 1 ms (until the second sample) + 2 ms (third to fourth); the last sample has no end.
      ['hot (b/c/d.js:10)', 3],
      ['cold (b/c/d.js:10)', 0.5],
    ],
  );
  assert.ok(Math.abs(rows[0].percent - (3 / 3.5) * 100) < 1e-9);
  assert.equal(topSelfTime(profile, 1).length, 1);
});

test('topAllocationSites walks the whole tree and sums self sizes per function', () => {
  const profile = {
    head: {
      callFrame: frame('(root)', ''),
      selfSize: 0,
      children: [
        {
          callFrame: frame('alloc'),
          selfSize: 100,
          children: [{ callFrame: frame('inner'), selfSize: 300, children: [] }],
        },
        { callFrame: frame('alloc'), selfSize: 50, children: [] },
      ],
    },
  };
  assert.deepEqual(
    topAllocationSites(profile, 10).map((row) => [row.site, row.value]),
    [
      ['inner (b/c/d.js:10)', 300],
      ['alloc (b/c/d.js:10)', 150],
    ],
  );
});

test('describeFrame names anonymous functions and keeps V8 entries without a file as they are', () => {
  assert.equal(describeFrame(frame('')), '(anonymous) (b/c/d.js:10)');
  assert.equal(describeFrame(frame('(garbage collector)', '')), '(garbage collector)');
});

test('a real --cpu-prof of a busy function puts that function at the top of topSelfTime', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-profile-test-'));
  try {
    const script = join(dir, 'busy.js');
    writeFileSync(
      script,
      'function spinForAWhile() { const end = Date.now() + 300; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1); return x; }\nspinForAWhile();\n',
    );
    const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, script]);
    assert.equal(run.status, 0);
    const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
    assert.ok(file !== undefined, 'no .cpuprofile written');
    const [top] = topSelfTime(JSON.parse(readFileSync(join(dir, file), 'utf8')), 1);
    assert.match(top.site, /^spinForAWhile \(.*busy\.js:1\)$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
