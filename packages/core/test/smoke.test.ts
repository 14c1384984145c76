import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../dist/esm/index.js';

test('a logger writes one JSON line per call', () => {
  const lines: string[] = [];
  const log = createLogger({ destination: { write: (line: string) => lines.push(line) } });
  log.info('hello world');
  assert.equal(lines.length, 1);
  assert.equal(JSON.parse(lines[0]).msg, 'hello world');
});
