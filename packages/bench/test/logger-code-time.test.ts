import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ThreadProfile, timeWithCodeOnStack } from '../dist/harness/logger-code-time.js';

const frame = (id: number, url: string, children: number[] = []) => ({ id, callFrame: { url }, children });

test("a sample counts when the logger's code is anywhere on its stack, and only then", () => {
  // root > server handler > logger > native write; root > server handler alone; root > idle.
  const profile = {
    nodes: [
      frame(1, '', [2, 5]),
      frame(2, 'file:///app/server.js', [3]),
      frame(3, 'file:///app/node_modules/pino/lib/proto.js', [4]),
      frame(4, ''),
      frame(5, ''),
    ],
    // Each sample's time is the delta to the next one.
    samples: [2, 3, 4, 2, 5, 4],
    timeDeltas: [0, 10, 20, 40, 80, 160, 320],
  };
  const pino = /\/node_modules\/(?:pino|sonic-boom)\//;
  // Samples 3 and 4 (the logger, the write under it) twice: 20 + 40 + 320.
  assert.equal(timeWithCodeOnStack(profile, pino), 380);
  assert.equal(timeWithCodeOnStack(profile, /\/server\.js$/), 10 + 20 + 40 + 80 + 320);
  assert.equal(timeWithCodeOnStack(profile, /never/), 0);
});

function busyInThisModule(until: number): number {
  let sum = 0;
  while (Date.now() < until) sum += JSON.stringify({ sum }).length;
  return sum;
}

test("a real profile of this thread finds time in this module's code", () => {
  const profile = new ThreadProfile(100);
  profile.start();
  busyInThisModule(Date.now() + 200);
  const sampled = profile.stop();
  const total = sampled.timeDeltas.reduce((a: number, b: number) => a + b, 0);
  const here = timeWithCodeOnStack(sampled, /logger-code-time\.test\.js$/);
  assert.ok(here > 0, 'the loop was sampled');
  assert.ok(here <= total);
  assert.equal(timeWithCodeOnStack(sampled, /no-such-module\.js$/), 0);
});
