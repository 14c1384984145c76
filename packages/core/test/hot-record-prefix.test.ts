import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Logger } from '../dist/esm/index.js';
import { collectingLogger } from './support/collecting-logger.js';

/*
 * A level's head and a logger's bindings are written by compiled writers once they have been written
 * often (HotBytes). These tests log enough records for that through long-lived loggers, and compare
 * each record with what a fresh logger (nothing compiled) writes for the same call.
 */

const HOT_CALLS = 300;
const OPTIONS = { base: { pid: 42, hostname: 'host "quoted"\n' }, name: 'svc', level: 'trace' } as const;
const BINDINGS = { request: 'r-1', user: { id: 7 } };

/** What a fresh logger, and a fresh child of it, write for one call. */
function fresh(call: (log: Logger, child: Logger) => void): string {
  const { log, lines } = collectingLogger(OPTIONS);
  call(log, log.child(BINDINGS));
  assert.equal(lines.length, 1);
  return lines[0];
}

test('hot level heads and bindings stay right for every level, child and grandchild', () => {
  const { log, lines } = collectingLogger(OPTIONS);
  const child = log.child(BINDINGS);
  const calls: ((log: Logger, child: Logger) => void)[] = [];
  for (let i = 0; i < HOT_CALLS; i++) {
    calls.push((l) => l.info('hot', { i }));
    calls.push((_, c) => c.warn('child', { i }));
  }
  calls.push(
    (l) => l.trace('t'),
    (l) => l.debug('d'),
    (_, c) => c.error('e', { i: 1 }),
    (l) => l.child({ other: true }).info('another child'),
    (_, c) => c.child({ deeper: 1 }).info('grandchild'),
  );
  for (const call of calls) call(log, child);
  assert.deepEqual(
    lines,
    calls.map((call) => fresh(call)),
  );
  assert.equal(
    lines[1],
    '{"level":40,"pid":42,"hostname":"host \\"quoted\\"\\n","name":"svc","request":"r-1","user":{"id":7},"i":0,"msg":"child"}\n',
  );
});

test('a level changed after its head went hot writes the new threshold and heads', () => {
  const { log, lines } = collectingLogger();
  for (let i = 0; i < HOT_CALLS; i++) log.info('m');
  log.level = 'warn';
  log.info('filtered');
  log.warn('w');
  log.level = 'info';
  log.info('m');
  assert.equal(lines.length, HOT_CALLS + 2);
  assert.equal(lines[HOT_CALLS], '{"level":40,"msg":"w"}\n');
  assert.equal(lines[HOT_CALLS + 1], '{"level":30,"msg":"m"}\n');
});

test('more busy loggers than a tree compiles writers for all write their own bindings', () => {
  const { log, lines } = collectingLogger();
  const count = 100;
  const bindings = (c: number) => ({ child: c, pad: 'p'.repeat(c % 40) });
  const children = Array.from({ length: count }, (_, c) => log.child(bindings(c)));
  const rounds = 150;
  for (let i = 0; i < rounds; i++) for (const child of children) child.info('x');
  assert.equal(lines.length, rounds * count);
  for (let i = 0; i < lines.length; i++) {
    const c = i % count;
    const expected = `{"level":30,"child":${c},"pad":"${'p'.repeat(c % 40)}","msg":"x"}\n`;
    if (lines[i] !== expected) assert.equal(lines[i], expected, `record ${i}`);
  }
});
