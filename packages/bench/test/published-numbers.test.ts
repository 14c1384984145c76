import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cpuPercent,
  messagesPerSecond,
  overheadPercent,
  PUBLISHED_CONFIGURATIONS,
} from '../dist/harness/published-numbers.js';

test("provide.foundation's published table: four configurations, 18,500 / 16,000 / 14,000 / 12,000 msgs/s", () => {
  assert.deepEqual(
    PUBLISHED_CONFIGURATIONS.map((config) => [config.name, config.publishedMsgsPerSec]),
    [
      ['json_no_emoji', 18_500],
      ['keyvalue_no_emoji', 16_000],
      ['json_with_emoji', 14_000],
      ['keyvalue_with_emoji', 12_000],
    ],
  );
});

test('messagesPerSecond divides by the duration in nanoseconds', () => {
  assert.equal(messagesPerSecond(10_000, 500_000_000), 20_000);
  assert.ok(Number.isNaN(messagesPerSecond(10_000, 0)));
  assert.ok(Number.isNaN(messagesPerSecond(0, 1)));
});

test("overheadPercent is provide.foundation's (duration / baseline - 1) * 100", () => {
  assert.equal(overheadPercent(150, 100), 50);
  assert.equal(overheadPercent(50, 100), -50);
  assert.ok(Number.isNaN(overheadPercent(1, 0)));
});

test('cpuPercent is CPU microseconds over wall nanoseconds, in percent', () => {
  assert.equal(cpuPercent(500_000, 1e9), 50);
  assert.equal(cpuPercent(1_500_000, 1e9), 150);
});
