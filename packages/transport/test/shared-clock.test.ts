import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '@sluice/core';
import { CLOCK_IDLE, ControlBlock } from '../dist/esm/control/control-block.js';
import { SharedClock } from '../dist/esm/control/shared-clock.js';
import { createTransport } from '../dist/esm/index.js';
import { lastJsonLine, readRecords, runFixture, scaled, tempDir } from './support/records.js';

// The clock the sink worker keeps in shared memory must follow real time while records flow, and must be
// exact after the process was idle (the worker rests the clock and producers read Date.now() then).
// The bound below guards against a frozen clock; it is a sanity check, not a performance assertion.

const dir = tempDir('shared-clock');
const file = join(dir, 'clock.log');
const transport = createTransport({ dest: file, append: false });
const log = createLogger({ transport });
after(() => transport.close());

/** Generous: the worker ticks every millisecond; a frozen clock falls behind by the whole run. */
const STALENESS_BOUND_MS = 250;
const RECORDS = scaled(200_000);

test('while records flow, the shared clock stays close to Date.now()', async () => {
  await transport.ready;
  let max = 0;
  let samples = 0;
  const started = Date.now();
  for (let seq = 0; seq < RECORDS; seq++) {
    log.info({ seq }, 'tick');
    if (seq % 64 === 0) {
      max = Math.max(max, Date.now() - transport.clock.now());
      samples++;
    }
    // Yield now and then, as a server would, so the test's own timers run.
    if (seq % 20_000 === 0) await sleep(1);
  }
  const elapsed = Date.now() - started;
  await transport.flush();
  console.log(
    `shared clock: max staleness ${max} ms over ${samples} samples, ${RECORDS} records in ${elapsed} ms`,
  );
  assert.ok(max <= STALENESS_BOUND_MS, `the shared clock fell ${max} ms behind Date.now()`);
  // The records carry that clock: their times move forward with the run, never backwards.
  const records = readRecords(file);
  assert.equal(records.length, RECORDS);
  for (let i = 1; i < records.length; i++) {
    if ((records[i].time as number) < (records[i - 1].time as number)) assert.fail(`time went back at ${i}`);
  }
  const span = (records[records.length - 1].time as number) - (records[0].time as number);
  assert.ok(span >= elapsed - 2 * STALENESS_BOUND_MS, `records span ${span} ms of a ${elapsed} ms run`);
});

test('after 1 s idle, the first read of the clock is exact', async () => {
  await sleep(1000);
  const before = Date.now();
  const now = transport.clock.now();
  const afterRead = Date.now();
  console.log(`shared clock after 1 s idle: ${now - before} ms from Date.now()`);
  assert.ok(now >= before && now <= afterRead, `read ${now}, Date.now() was ${before}..${afterRead}`);
  // And the record logged right then carries that time.
  log.info('after idle');
  await transport.flush();
  const records = readRecords(file);
  const last = records[records.length - 1];
  assert.equal(last.msg, 'after idle');
  assert.ok((last.time as number) >= before && (last.time as number) <= Date.now());
});

test('with the sink worker down, the clock still follows Date.now() (records carry the real time)', async () => {
  const run = await runFixture('clock-without-worker.mjs', [join(dir, 'no-worker.log'), '600']);
  assert.equal(run.status, 0, run.stderr);
  const { maxStaleness } = lastJsonLine<{ maxStaleness: number }>(run.stdout);
  console.log(`shared clock with the worker down: max staleness ${maxStaleness} ms`);
  assert.ok(maxStaleness <= STALENESS_BOUND_MS, `the shared clock fell ${maxStaleness} ms behind`);
});

test('a deferred event stamps the same 8 bytes whether the clock writes them as bytes or as two words', () => {
  const control = new ControlBlock();
  const clock = new SharedClock(control);
  const bytes = Buffer.alloc(16);
  const words = new Int32Array(4);
  for (const ms of [0, 1764164467123, 1764164467123.5, 2 ** 53 - 1, -1]) {
    control.setClock(ms);
    Atomics.store(control.ints, CLOCK_IDLE, 0);
    assert.equal(clock.writeNow(bytes, 4), 12);
    clock.writeNowWords(words, 1);
    assert.deepEqual(Buffer.from(words.buffer, 4, 8), bytes.subarray(4, 12), `time ${ms}`);
    assert.equal(bytes.readDoubleLE(4), ms);
  }
});

test("a thread's time never goes back when the worker starts ticking behind its last Date.now()", () => {
  const control = new ControlBlock();
  const clock = new SharedClock(control);
  const floats = new Float64Array(8);
  const words = new Int32Array(floats.buffer);
  // Resting: the thread reads Date.now() itself.
  Atomics.store(control.ints, CLOCK_IDLE, 1);
  const exact = clock.now();
  // The worker starts ticking with a time it read a little earlier (it raced the thread's read).
  control.setClock(exact - 3);
  Atomics.store(control.ints, CLOCK_IDLE, 0);
  assert.ok(clock.now() >= exact, 'now()');
  clock.writeNowWords(words, 0);
  assert.ok(floats[0] >= exact, 'writeNowWords');
  // Once the cell passes the thread's last exact read, the cell is what it reads.
  control.setClock(exact + 5);
  assert.equal(clock.now(), exact + 5);
});
