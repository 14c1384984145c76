import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLogger, getStats } from '../dist/esm/index.js';
import { captureSetup, PLAIN_KEY_VALUE } from './support/foundation-capture.js';

test('stats: counts per level, totals and bytes match what was written', () => {
  const out = captureSetup({ logging: { ...PLAIN_KEY_VALUE, defaultLevel: 'TRACE' } });
  const a = getLogger('stats.a');
  const b = getLogger('stats.b');
  a.trace('t');
  a.info('i', { n: 1 });
  a.info('i', { n: 2 });
  a.bind({ child: true }).warning('w');
  b.error('e');
  b.critical('c');
  const stats = getStats();
  assert.deepEqual(stats.counts, { trace: 1, debug: 0, info: 2, warning: 1, error: 1, critical: 1 });
  assert.equal(stats.total, 6);
  assert.equal(
    stats.bytes,
    out.lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0),
  );
  assert.equal(stats.dropped, 0);
  assert.equal(stats.suppressed, 0);
  const aStats = a.stats();
  assert.equal(aStats.name, 'stats.a');
  assert.deepEqual(aStats.counts, { trace: 1, debug: 0, info: 2, warning: 1, error: 0, critical: 0 });
  assert.equal(aStats.total, 4, 'a bound child counts for its logger name');
  assert.equal(b.stats().total, 2);
});

test('stats: the rate counts N-1 intervals between N sampled records', () => {
  let now = 1_000_000;
  captureSetup({
    clock: () => now,
    logging: { ...PLAIN_KEY_VALUE, statsWindow: { size: 10, sampleEvery: 1 } },
  });
  const log = getLogger('rate');
  for (let i = 0; i < 5; i++) {
    log.info('tick');
    now += 1000;
  }
  const stats = getStats();
  assert.equal(stats.samplesInWindow, 5);
  // 5 records 1 s apart span 4 s: 1 record/s (the seed's monitor said 5/4 = 1.25).
  assert.equal(stats.currentRate, 1);
  assert.equal(stats.uptimeSeconds, 5);
  assert.equal(stats.windowSize, 10);
});

test('stats: the window is a fixed ring: old samples fall out, one sample per sampleEvery records', () => {
  let now = 0;
  captureSetup({
    clock: () => now,
    logging: { ...PLAIN_KEY_VALUE, statsWindow: { size: 4, sampleEvery: 1 } },
  });
  const log = getLogger('ring');
  // 2 records 10 s apart, then 4 records 0.5 s apart: only the last 4 count.
  for (const step of [10_000, 500, 500, 500, 500]) {
    log.info('r');
    now += step;
  }
  log.info('r');
  let stats = getStats();
  assert.equal(stats.samplesInWindow, 4);
  assert.equal(stats.currentRate, 2);

  now = 0;
  captureSetup({
    clock: () => now,
    logging: { ...PLAIN_KEY_VALUE, statsWindow: { size: 8, sampleEvery: 4 } },
  });
  for (let i = 0; i < 12; i++) {
    getLogger('ring').info('r');
    now += 250;
  }
  stats = getStats();
  // Records 4, 8 and 12 were sampled (at 750, 1750, 2750 ms): 2 intervals of 4 records in 2 s.
  assert.equal(stats.samplesInWindow, 3);
  assert.equal(stats.currentRate, 4);
  assert.equal(stats.total, 12);
});

test('stats: a record logged while another is being formatted is dropped and counted, not interleaved', () => {
  const out = captureSetup({ logging: PLAIN_KEY_VALUE });
  const log = getLogger('reentrant');
  log.info('outer', {
    get sneaky(): string {
      log.info('inner');
      return 'value';
    },
  });
  assert.deepEqual(out.records(), ['[info     ] outer                          sneaky=value']);
  assert.equal(getStats().dropped, 1);
  assert.equal(log.stats().dropped, 1);
});

test('stats: a new setup starts the counts over', () => {
  captureSetup({ logging: PLAIN_KEY_VALUE });
  getLogger('fresh').info('one');
  assert.equal(getStats().total, 1);
  captureSetup({ logging: PLAIN_KEY_VALUE });
  assert.equal(getStats().total, 0);
  assert.equal(getLogger('fresh').stats().total, 0);
});
