import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROPERTY_RUNS } from '@sluice/test-support/property-runs';
import fc from 'fast-check';
import { collectingLogger } from './support/collecting-logger.js';

/*
 * Object-API records copy their time entry from words kept per millisecond (TimeEntryWriter). These
 * tests drive the clock from record to record and check each record's time against what the entry
 * must say.
 */

/** A clock returning the given times in turn (the last one from then on). */
function steppingClock(times: readonly number[]) {
  let i = 0;
  return { now: () => times[Math.min(i++, times.length - 1)] };
}

const EPOCH_2026 = 1764164467000;

test('each record carries the time its clock read, repeated or changed, as epoch and as ISO', () => {
  const times = [EPOCH_2026, EPOCH_2026, EPOCH_2026 + 1, EPOCH_2026, 0, 1, 999_999_999_999, 10 ** 13];
  for (const timestamp of ['epoch', 'iso'] as const) {
    const { log, lines } = collectingLogger({ timestamp, clock: steppingClock(times) });
    for (let i = 0; i < times.length; i++) log.info('m', { i });
    const written = lines.map((line) => JSON.parse(line).time);
    const expected = times.map((ms) => (timestamp === 'epoch' ? ms : new Date(ms).toISOString()));
    assert.deepEqual(written, expected);
  }
});

test('logfmt records carry their own time entry per record', () => {
  const times = [EPOCH_2026, EPOCH_2026, EPOCH_2026 + 61_000];
  const { log, lines } = collectingLogger({
    format: 'logfmt',
    timestamp: 'iso',
    clock: steppingClock(times),
  });
  for (let i = 0; i < times.length; i++) log.info('m');
  assert.deepEqual(
    lines.map((line) => /time=(\S+)/.exec(line)?.[1]),
    times.map((ms) => new Date(ms).toISOString()),
  );
});

test('a time key too long for the kept words is still written whole, record after record', () => {
  const key = `t${'i'.repeat(70)}me`;
  const times = [EPOCH_2026, EPOCH_2026, EPOCH_2026 + 5];
  for (const timestamp of ['epoch', 'iso'] as const) {
    const { log, lines } = collectingLogger({ timestamp, keys: { time: key }, clock: steppingClock(times) });
    for (let i = 0; i < times.length; i++) log.info('m');
    assert.deepEqual(
      lines.map((line) => JSON.parse(line)[key]),
      times.map((ms) => (timestamp === 'epoch' ? ms : new Date(ms).toISOString())),
    );
  }
});

test('any sequence of clock readings is written as the format writes each one (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 253402300799999 }), fc.constant(EPOCH_2026)), {
        minLength: 1,
        maxLength: 20,
      }),
      fc.constantFrom('epoch' as const, 'iso' as const),
      (times, timestamp) => {
        const { log, lines } = collectingLogger({ timestamp, clock: steppingClock(times) });
        for (let i = 0; i < times.length; i++) log.info('m');
        assert.deepEqual(
          lines.map((line) => JSON.parse(line).time),
          times.map((ms) => (timestamp === 'epoch' ? ms : new Date(ms).toISOString())),
        );
      },
    ),
    { numRuns: PROPERTY_RUNS },
  );
});
