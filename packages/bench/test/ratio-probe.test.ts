import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alternatingRounds, gateProbeRounds } from '../dist/harness/ratio-probe.js';

test('alternatingRounds alternates which side goes first and drops the warm-up round', async () => {
  const order: string[] = [];
  let sluiceCalls = 0;
  const rounds = await alternatingRounds(
    3,
    async () => {
      order.push('s');
      return 100 + sluiceCalls++;
    },
    async () => {
      order.push('r');
      return 200;
    },
  );
  assert.deepEqual(order, ['s', 'r', 's', 'r', 'r', 's', 's', 'r']);
  assert.deepEqual(
    rounds.map((round) => round.sluiceNs),
    [101, 102, 103],
  );
  assert.equal(rounds[0].ratio, 101 / 200);
});

test('gateProbeRounds reads --gate-probe=<rounds>, and only a whole count', () => {
  assert.equal(gateProbeRounds(['--results-dir=/x']), null);
  assert.equal(gateProbeRounds(['--gate-probe=7']), 7);
  assert.throws(() => gateProbeRounds(['--gate-probe=0']), RangeError);
  assert.throws(() => gateProbeRounds(['--gate-probe=x']), RangeError);
});
