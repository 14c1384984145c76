import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '@sluice/core';
import { CLOCK_IDLE } from '../dist/esm/control/control-block.js';
import { createTransport } from '../dist/esm/index.js';
import { tempDir, untilFileLines } from './support/records.js';

// A sink costs nothing when little flows: the worker sleeps until a producer wakes it, runs no timer
// between the records of a trickle, and ticks (keeping the shared clock) only while records stream in.
// Counted in wake-ups (stats().sinkWakeUps), never timed. These pin the worker's own schedule, so the
// logging thread's writes below bursts (caller-writes.test.ts) are off.

const dir = tempDir('sink-idle');

test('a trickle wakes the sink worker about once per record: no timer runs between records', async () => {
  const file = join(dir, 'trickle.log');
  const transport = createTransport({ dest: file, append: false, callerWrites: false });
  await transport.ready;
  const log = createLogger({ transport });
  const RECORDS = 30;
  const GAP_MS = 25;
  const before = transport.stats().sinkWakeUps;
  for (let i = 0; i < RECORDS; i++) {
    log.info({ i }, 'trickle');
    // Each record is written on its own, with nobody flushing: the worker does not wait for company.
    await untilFileLines(file, i + 1);
    await sleep(GAP_MS);
  }
  const wakeUps = transport.stats().sinkWakeUps - before;
  // A worker that ticked every millisecond while records came would wake ~GAP_MS times per record.
  // Allowed: the wake-up per record, a tick or two after it, and the once-a-second check.
  assert.ok(wakeUps <= RECORDS * 3 + 5, `${wakeUps} wake-ups for ${RECORDS} records ${GAP_MS} ms apart`);
  await transport.close();
});

test('records that keep coming are taken in batches: far fewer wake-ups than records', async () => {
  const file = join(dir, 'flowing.log');
  const transport = createTransport({ dest: file, append: false, callerWrites: false });
  await transport.ready;
  const log = createLogger({ transport });
  const before = transport.stats().sinkWakeUps;
  let records = 0;
  const until = Date.now() + 400;
  while (Date.now() < until) {
    log.info({ records }, 'one about every millisecond');
    records++;
    await sleep(1);
  }
  await untilFileLines(file, records);
  const wakeUps = transport.stats().sinkWakeUps - before;
  // Woken once per record, or ticking every millisecond, the worker would wake about `records` times.
  assert.ok(wakeUps <= records / 2, `${wakeUps} wake-ups for ${records} records about 1 ms apart`);
  await transport.close();
});

test('an idle transport lets its worker sleep: no wake-ups but the once-a-second check', async () => {
  const transport = createTransport({ dest: join(dir, 'idle.log') });
  await transport.ready;
  createLogger({ transport }).info('one record, then silence');
  await transport.flush();
  await sleep(100);
  const before = transport.stats().sinkWakeUps;
  await sleep(1_500);
  const wakeUps = transport.stats().sinkWakeUps - before;
  assert.ok(wakeUps <= 3, `${wakeUps} wake-ups in 1.5 s of silence`);
  assert.equal(Atomics.load(transportControl(transport), CLOCK_IDLE), 1, 'the clock rests while idle');
  await transport.close();
});

test('a stream of records is taken a tick at a time, with the shared clock running, and rests after', async () => {
  const file = join(dir, 'stream.log');
  const transport = createTransport({ dest: file, append: false, callerWrites: false });
  await transport.ready;
  const log = createLogger({ transport });
  const event = log.event('streamed', { seq: 'integer' });
  const control = transportControl(transport);
  const before = transport.stats().sinkWakeUps;
  let sawClockLive = false;
  const RECORDS = 100_000;
  for (let seq = 0; seq < RECORDS; seq++) {
    event.info(seq);
    if (seq % 500 === 499) {
      if (Atomics.load(control, CLOCK_IDLE) === 0) sawClockLive = true;
      await sleep(0);
    }
  }
  await untilFileLines(file, RECORDS);
  const wakeUps = transport.stats().sinkWakeUps - before;
  assert.ok(sawClockLive, 'the worker ticks the shared clock while records stream in');
  assert.ok(wakeUps < RECORDS / 20, `${wakeUps} wake-ups for ${RECORDS} streamed records`);
  await sleep(600);
  assert.equal(Atomics.load(control, CLOCK_IDLE), 1, 'the clock rests once the stream stops');
  await transport.close();
});

test('after a burst, records at a steady server rate stop the clock ticking: far fewer wake-ups than records', async () => {
  const file = join(dir, 'burst-then-steady.log');
  const transport = createTransport({ dest: file, append: false, callerWrites: false });
  await transport.ready;
  const log = createLogger({ transport });
  const event = log.event('burst', { seq: 'integer' });
  const control = transportControl(transport);
  for (let seq = 0; seq < 20_000; seq++) event.info(seq);
  let sawClockLive = false;
  for (let i = 0; i < 100 && !sawClockLive; i++) {
    sawClockLive = Atomics.load(control, CLOCK_IDLE) === 0;
    await sleep(1);
  }
  assert.ok(sawClockLive, 'the burst starts the shared clock');
  // A server's steady stream, about one record a millisecond: the clock stops within a window or two.
  let records = 0;
  let before = 0;
  let counted = 0;
  const started = Date.now();
  while (Date.now() - started < 700) {
    if (before === 0 && Date.now() - started >= 300) {
      before = transport.stats().sinkWakeUps;
      counted = records;
    }
    log.info({ records }, 'steady');
    records++;
    await sleep(1);
  }
  const wakeUps = transport.stats().sinkWakeUps - before;
  const steady = records - counted;
  assert.equal(Atomics.load(control, CLOCK_IDLE), 1, 'the clock rests while records come at this rate');
  // Ticking on, the worker would wake once a millisecond: about once per record.
  assert.ok(wakeUps <= steady / 2, `${wakeUps} wake-ups for ${steady} records about 1 ms apart`);
  await untilFileLines(file, 20_000 + records);
  await transport.close();
});

for (const callerWrites of [false, true]) {
  test(`records streaming below a burst's rate keep the worker lingering, not ticking: about a wake-up per linger (callerWrites ${callerWrites})`, async () => {
    const file = join(dir, `below-burst-${callerWrites}.log`);
    const transport = createTransport({ dest: file, append: false, callerWrites });
    await transport.ready;
    const log = createLogger({ transport });
    const control = transportControl(transport);
    // 40 records, then at least a millisecond: 40 a millisecond at most, a server's busy stream but
    // slower than bursts. A clock ticking through it would wake the worker once a millisecond.
    let records = 0;
    let before = -1;
    let counted = 0;
    const started = Date.now();
    while (Date.now() - started < 800) {
      if (before < 0 && Date.now() - started >= 300) {
        before = transport.stats().sinkWakeUps;
        counted = Date.now();
      }
      for (let i = 0; i < 40; i++) log.info({ records: records++ }, 'streaming');
      await sleep(1);
    }
    const wakeUps = transport.stats().sinkWakeUps - before;
    const elapsedMs = Date.now() - counted;
    assert.equal(Atomics.load(control, CLOCK_IDLE), 1, 'the clock rests while records come at this rate');
    // A linger is LINGER_MS (10 ms): about elapsedMs / 10 wake-ups; ticking, about elapsedMs.
    assert.ok(wakeUps <= elapsedMs / 4, `${wakeUps} wake-ups in ${elapsedMs} ms of streaming records`);
    await untilFileLines(file, records);
    await transport.close();
  });
}

test("a stream that wakes the sleeping worker with a burst's worth, but slower than bursts, never starts the clock", async () => {
  const file = join(dir, 'woken-not-burst.log');
  const transport = createTransport({ dest: file, append: false });
  await transport.ready;
  const log = createLogger({ transport });
  const control = transportControl(transport);
  // 100 records of about 250 bytes, then at least a millisecond: the 64 KiB that makes a logging
  // thread wake the worker piles up within a few milliseconds, at 100 records a millisecond at most.
  const padding = 'p'.repeat(200);
  let records = 0;
  let sawClockLive = false;
  const before = transport.stats().sinkWakeUps;
  const started = Date.now();
  while (Date.now() - started < 500) {
    for (let i = 0; i < 100; i++) log.info({ records: records++, padding }, 'streaming');
    await sleep(1);
    if (Atomics.load(control, CLOCK_IDLE) === 0) sawClockLive = true;
  }
  const elapsedMs = Date.now() - started;
  const wakeUps = transport.stats().sinkWakeUps - before;
  assert.equal(sawClockLive, false, 'the clock never ticked for this stream');
  assert.ok(wakeUps <= elapsedMs / 4, `${wakeUps} wake-ups in ${elapsedMs} ms of streaming records`);
  await untilFileLines(file, records);
  await transport.close();
});

/** The transport's control block, read by tests only. */
function transportControl(transport: object): Int32Array {
  return (transport as unknown as { control: { ints: Int32Array } }).control.ints;
}
