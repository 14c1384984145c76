import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ControlBlock } from '../dist/esm/control/control-block.js';
import { PassSchedule } from '../dist/esm/worker/pass-schedule.js';

const nothing = () => {};

/** A schedule whose worker took a few records, chose to sleep (logging threads write), and slept 20 ms. */
async function afterASleep(): Promise<{ control: ControlBlock; schedule: PassSchedule }> {
  const control = new ControlBlock();
  const schedule = new PassSchedule(control, nothing);
  schedule.noteRecordsTaken(10, false);
  assert.equal(schedule.takeLinger(true), false);
  await sleep(20);
  return { control, schedule };
}

test('records taken when a sleep was called off are judged over the time since the last pass, not as a burst', async () => {
  const { control, schedule } = await afterASleep();
  // Going to sleep, the worker finds records that came meanwhile, unstamped, plus a first one stamped
  // just now: it takes them without sleeping.
  control.noteWaitingSince(Date.now());
  schedule.sleepCancelled();
  schedule.noteRecordsTaken(300, false);
  try {
    assert.equal(schedule.ticking, false, '300 records over 20 ms or more are slower than a burst');
  } finally {
    schedule.stopTicking();
  }
});

test('a burst after a sleep starts the clock, judged from when its first record began to wait', async () => {
  const { control, schedule } = await afterASleep();
  control.noteWaitingSince(Date.now());
  schedule.noteRecordsTaken(3000, false);
  try {
    assert.equal(schedule.ticking, true);
  } finally {
    schedule.stopTicking();
  }
});
