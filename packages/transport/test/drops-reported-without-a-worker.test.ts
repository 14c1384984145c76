import assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogger } from '@sluice/core';
import { CLOCK_IDLE, ControlBlock } from '../dist/esm/control/control-block.js';
import { SharedClock } from '../dist/esm/control/shared-clock.js';
import { CONSUMER, RingMemory } from '../dist/esm/layout/ring-layout.js';
import { createSelfDrain } from '../dist/esm/lifecycle/self-drain.js';
import { resolveTransportOptions } from '../dist/esm/resolve-transport-options.js';
import { RingConsumer } from '../dist/esm/ring/ring-consumer.js';
import { RingProducer } from '../dist/esm/ring/ring-producer.js';
import { consumeLines } from './support/one-thread-ring.js';
import { droppedByReports, isDropReport, readRecords, tempDir } from './support/records.js';

// A thread's exit drain writes what the thread dropped even when no sink worker runs and its records
// are already written: a worker killed, not yet restarted, while the thread's own writes (callerWrites)
// emptied its ring. Found under load in exit-policy-matrix ('exit', policy drop, worker killed): 7,998
// records neither written nor counted.

test('no worker, the ring written out, drops counted: the exit drain writes their report', () => {
  const file = join(tempDir('drops-without-worker'), 'out.log');
  writeFileSync(file, '');
  const resolved = resolveTransportOptions({ dest: file, policy: 'drop', ringBytes: 65536 });
  const control = new ControlBlock(); // ALIVE 0: no worker
  Atomics.store(control.ints, CLOCK_IDLE, 1);
  const ring = RingMemory.allocate(65536);
  // A worker (generation 1) held the ring and has died since: a full ring now drops.
  Atomics.store(ring.header, CONSUMER, 1);
  const selfDrain = createSelfDrain(control, resolved.targets, resolved.shape);
  const producer = new RingProducer(ring, control, resolved.producer, selfDrain, resolved.shape);
  const log = createLogger({ transport: { sink: producer, clock: new SharedClock(control) } });

  const logged = 3000;
  for (let seq = 0; seq < logged; seq++) log.info({ seq }, 'record');
  // The thread writes its ring out itself (as callerWrites does): records only, drops left counted.
  const lines = consumeLines(new RingConsumer(ring));
  appendFileSync(file, lines.join(''));
  Atomics.store(ring.header, CONSUMER, 0);
  assert.ok(lines.length < logged, `the ring filled and records were dropped (${lines.length} kept)`);

  assert.equal(producer.flushSyncWithin(1000), true);
  const records = readRecords(file);
  const delivered = records.filter((record) => !isDropReport(record));
  assert.equal(delivered.length, lines.length);
  assert.deepEqual(droppedByReports(records), { info: logged - lines.length });
});
