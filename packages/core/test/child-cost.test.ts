import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLogger, DEFAULT_LEVELS } from '../dist/esm/index.js';
import { RecordCollector } from './support/record-collector.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const fixture = fileURLToPath(new URL('../test/fixtures/count-scavenges.mjs', import.meta.url));
const LEVEL_NAMES = Object.keys(DEFAULT_LEVELS);

test('a child owns no level methods: they come from a prototype its logger tree shares', () => {
  const log = createLogger({ destination: new RecordCollector() });
  const child = log.child({ reqId: 'r-1' });
  const grandchild = child.child({ step: 2 }, { level: 'trace' });
  for (const logger of [log, child, grandchild]) {
    const own = Object.getOwnPropertyNames(logger).filter((name) => LEVEL_NAMES.includes(name));
    assert.deepEqual(own, [], 'no level method is an own property');
  }
});

test('a level method taken off a child still logs through that child, and keeps its identity', () => {
  const out = new RecordCollector();
  const log = createLogger({ base: null, timestamp: false, destination: out });
  const child = log.child({ reqId: 'r-1' });
  const info = child.info;
  const warn = child.warn;
  info('detached');
  warn({ n: 1 }, 'detached too');
  assert.equal(child.info, info, 'the same function on every read');
  assert.deepEqual(out.records(), [
    { level: 30, reqId: 'r-1', msg: 'detached' },
    { level: 40, reqId: 'r-1', n: 1, msg: 'detached too' },
  ]);
  child.level = 'error';
  assert.equal(child.info, child.debug, 'a disabled level reads as the no-op');
  child.info('dropped');
  child.level = 'info';
  child.info('kept');
  assert.equal(out.records().at(-1)?.msg, 'kept');
});

/** Heap bytes per child and its first record, from scavenges in the fixture (semi-space fixed at 1 MiB). */
function bytesPerChild(api: 'child' | 'child-options'): number {
  const children = 200_000;
  const devNull = openSync('/dev/null', 'w');
  try {
    const run = spawnSync(
      process.execPath,
      ['--min-semi-space-size=1', '--max-semi-space-size=1', fixture, api, String(children)],
      { cwd: packageRoot, stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    const { scavenges } = JSON.parse(run.stderr.trim().split('\n').at(-1) ?? '') as { scavenges: number };
    return (scavenges * 1024 * 1024) / children;
  } finally {
    closeSync(devNull);
  }
}

test('a child and the first record through it allocate at most 500 bytes of heap', () => {
  const bytes = bytesPerChild('child');
  assert.ok(bytes <= 500, `about ${bytes.toFixed(0)} B a child`);
});

test('a child made as fastify makes it (bindings and { level }) and its first record allocate at most 500 bytes', () => {
  const bytes = bytesPerChild('child-options');
  assert.ok(bytes <= 500, `about ${bytes.toFixed(0)} B a child`);
});
