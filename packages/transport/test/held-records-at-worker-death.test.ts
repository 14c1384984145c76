import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '@sluice/core';
import {
  allocateTargetCounters,
  countHeldAsLost,
  readTargetCounts,
  TargetCounters,
} from '../dist/esm/control/target-counters.js';
import { createTransport } from '../dist/esm/index.js';
import { freeTcpPort, waitUntil } from './support/rsyslog.js';

// A target that cannot deliver (a syslog server down) holds records in the sink worker's memory while
// their releases complete and the ring reuses their space. A worker that dies then takes them with it:
// they must be counted as dropped, not written, and said; never lost uncounted.

test('a target holds its newest records: only those beyond the releases under way die with the worker', () => {
  const buffer = allocateTargetCounters(2);
  const syslog = new TargetCounters(buffer, 0);
  const file = new TargetCounters(buffer, 1);
  syslog.taken = 12; // routed in releases that are written
  syslog.publish(0, 10, 15); // 3 routed since, in a release under way: the ring has those still
  file.taken = 15;
  file.publish(0, 0, 15);
  assert.equal(readTargetCounts(buffer, 0).recordsHeld, 10);

  assert.equal(countHeldAsLost(buffer, 2), 7);
  assert.deepEqual(readTargetCounts(buffer, 0), { recordsDelivered: 2, recordsDropped: 7, recordsHeld: 0 });
  assert.deepEqual(readTargetCounts(buffer, 1), { recordsDelivered: 15, recordsDropped: 0, recordsHeld: 0 });
  assert.equal(countHeldAsLost(buffer, 2), 0, 'counted once');
});

test('a sink worker killed while its syslog target holds records counts them dropped, not written', async () => {
  const port = await freeTcpPort(); // nothing listens: the target holds what it is given
  const warnings: string[] = [];
  const onWarning = (warning: Error & { code?: string }) => {
    if (warning.code === 'SLUICE_TRANSPORT') warnings.push(warning.message);
  };
  process.on('warning', onWarning);
  const transport = createTransport({
    dest: { type: 'syslog', protocol: 'tcp', port, appName: 'held', closeTimeoutMs: 100 },
    onError: () => {},
  });
  try {
    await transport.ready;
    const log = createLogger({ transport, base: null });
    for (let seq = 0; seq < 10; seq++) log.info({ seq }, 'held');
    await transport.flush();
    await waitUntil(() => transport.stats().targets[0].recordsHeld === 10, 'the ten records are held');
    assert.equal(transport.stats().recordsWritten, 10, 'held records count as written while held');

    const killed = transport.worker;
    assert.ok(killed !== null);
    await killed.terminate();
    await waitUntil(
      () => transport.stats().destinationDropped === 10,
      'the held records are counted dropped',
    );
    const afterKill = transport.stats();
    assert.equal(afterKill.recordsWritten, 0);
    assert.deepEqual(afterKill.targets[0], {
      target: `syslog tcp 127.0.0.1:${port}`,
      recordsDelivered: 0,
      recordsDropped: 10,
      recordsHeld: 0,
    });
    assert.ok(
      warnings.some((line) => line.includes('ended holding 10 records')),
      `warnings: ${JSON.stringify(warnings)}`,
    );

    // The successor holds what comes next, and gives it up at close: every record counted once.
    await waitUntil(() => transport.worker !== null && transport.worker !== killed, 'a successor runs');
    for (let seq = 10; seq < 15; seq++) log.info({ seq }, 'held by the successor');
    await transport.flush();
    await transport.close();
    const closed = transport.stats();
    assert.equal(closed.recordsWritten, 0);
    assert.equal(closed.destinationDropped, 15);
    assert.equal(closed.targets[0].recordsDropped, 15);
  } finally {
    process.off('warning', onWarning);
    await transport.close();
  }
});
