import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger } from '../dist/esm/index.js';
import { RecordCollector } from './support/record-collector.js';

function bareLogger() {
  const out = new RecordCollector();
  const log = createLogger({ base: { svc: 'api' }, timestamp: false, destination: out });
  return { out, log };
}

describe('child loggers', () => {
  test('bindings come after the base and before the call’s fields', () => {
    const { out, log } = bareLogger();
    log.child({ requestId: 'r1' }).info({ status: 200 }, 'done');
    assert.equal(out.lines[0], '{"level":30,"svc":"api","requestId":"r1","status":200,"msg":"done"}\n');
  });

  test('bindings are encoded once at creation: mutating the object afterwards changes nothing', () => {
    const { out, log } = bareLogger();
    const bindings: Record<string, unknown> = { user: { id: 1, roles: ['a'] }, tag: 'first' };
    const child = log.child(bindings);
    child.info('before');
    bindings.tag = 'second';
    bindings.added = true;
    (bindings.user as { id: number; roles: string[] }).id = 2;
    (bindings.user as { id: number; roles: string[] }).roles.push('b');
    child.info('after');
    const [before, after] = out.records();
    assert.deepEqual(before, {
      level: 30,
      svc: 'api',
      user: { id: 1, roles: ['a'] },
      tag: 'first',
      msg: 'before',
    });
    assert.deepEqual(after, { ...before, msg: 'after' });
  });

  test('a child with scalar bindings writes the same line at its first, second and later records, in both formats, whatever the caller changes', () => {
    for (const format of ['json', 'logfmt'] as const) {
      const out = new RecordCollector();
      const log = createLogger({ format, base: { svc: 'api' }, timestamp: false, destination: out });
      // Each child is made from a parent whose bindings are unwritten too, at every point of its life.
      const bindings: Record<string, unknown> = { reqId: 'r-1', n: 7, ok: true, skip: undefined };
      const child = log.child(bindings);
      bindings.reqId = 'changed';
      bindings.added = 1;
      const lines: string[] = [];
      for (let i = 0; i < 4; i++) {
        out.clear();
        child.info({ i: 0 }, 'same');
        lines.push(out.lines[0]);
      }
      assert.equal(new Set(lines).size, 1, `${format}: ${lines.join('')}`);
      assert.match(
        lines[0],
        format === 'json' ? /"reqId":"r-1","n":7,"ok":true,"i":0/ : /reqId=r-1 n=7 ok=true i=0/,
      );
      for (const uses of [0, 1, 2]) {
        const parent = log.child({ step: uses });
        for (let i = 0; i < uses; i++) parent.info('parent');
        const grandchild = parent.child({ leaf: 'x' });
        const event = parent.child({ leaf: 'y' }).event('e', { v: 'integer' });
        out.clear();
        grandchild.info('grandchild');
        grandchild.info('grandchild');
        event.info(1);
        parent.info('parent');
        const expected =
          format === 'json'
            ? [
                '"step":' + uses + ',"leaf":"x"',
                '"step":' + uses + ',"leaf":"x"',
                '"step":' + uses + ',"leaf":"y","v":1',
                '"step":' + uses + ',"msg"',
              ]
            : [
                'step=' + uses + ' leaf=x',
                'step=' + uses + ' leaf=x',
                'step=' + uses + ' leaf=y',
                'svc=api step=' + uses + '\n',
              ];
        for (const [i, line] of out.lines.entries()) {
          assert.ok(line.includes(expected[i]), `${format}, parent used ${uses}: ${line}`);
        }
        assert.deepEqual(grandchild.bindings(), { step: uses, leaf: 'x' });
      }
    }
  });

  test('every child keeps the bindings it was made with: thousands of them, a huge one, one made while another encodes', () => {
    const out = new RecordCollector();
    let madeInside: { info(message: string): void } | null = null;
    const log = createLogger({
      base: null,
      timestamp: false,
      destination: out,
      serializers: {
        user: (user: unknown) => {
          // A serializer that makes a child while the bindings that called it are being encoded.
          madeInside = log.child({ made: 'inside' });
          return user;
        },
      },
    });
    const big = 'x'.repeat(20_000);
    const children = Array.from({ length: 3_000 }, (_, i) =>
      log.child(i % 500 === 7 ? { i, big } : { i, reqId: `req-${i}` }),
    );
    const withUser = log.child({ user: { id: 9 }, after: 'user' });
    for (const child of children) child.info('x');
    withUser.info('user');
    (madeInside as unknown as { info(message: string): void }).info('inside');
    const records = out.records();
    children.forEach((_, i) => {
      const expected =
        i % 500 === 7 ? { level: 30, i, big, msg: 'x' } : { level: 30, i, reqId: `req-${i}`, msg: 'x' };
      assert.deepEqual(records[i], expected);
    });
    assert.deepEqual(records[3_000], { level: 30, user: { id: 9 }, after: 'user', msg: 'user' });
    assert.deepEqual(records[3_001], { level: 30, made: 'inside', msg: 'inside' });
  });

  test('children of children carry every ancestor’s bindings, outermost first', () => {
    const { out, log } = bareLogger();
    const grandchild = log.child({ a: 1 }).child({ b: 2 }).child({ c: 3 });
    grandchild.info('deep');
    assert.equal(out.lines[0], '{"level":30,"svc":"api","a":1,"b":2,"c":3,"msg":"deep"}\n');
  });

  test('a child does not change its parent’s output', () => {
    const { out, log } = bareLogger();
    log.child({ a: 1 });
    log.info('parent');
    assert.deepEqual(out.only(), { level: 30, svc: 'api', msg: 'parent' });
  });

  test('a child’s binding wins over the same key bound by its parent', () => {
    const { out, log } = bareLogger();
    log.child({ scope: 'outer' }).child({ scope: 'inner' }).info('x');
    assert.equal(out.only().scope, 'inner');
  });

  test('bindings() returns the merged bindings of the logger and its ancestors', () => {
    const { log } = bareLogger();
    assert.deepEqual(log.bindings(), {});
    const child = log.child({ a: 1, scope: 'outer' });
    const grandchild = child.child({ b: 2, scope: 'inner' });
    assert.deepEqual(child.bindings(), { a: 1, scope: 'outer' });
    assert.deepEqual(grandchild.bindings(), { a: 1, b: 2, scope: 'inner' });
  });

  test('bindings() is not affected by mutating the object passed to child()', () => {
    const { log } = bareLogger();
    const bindings: Record<string, unknown> = { a: 1 };
    const child = log.child(bindings);
    bindings.a = 2;
    bindings.b = 3;
    assert.deepEqual(child.bindings(), { a: 1 });
  });

  test('every level method of a child writes the bindings', () => {
    const { out, log } = bareLogger();
    const child = log.child({ k: 'v' }, { level: 'trace' });
    child.trace('t');
    child.fatal('f');
    assert.deepEqual(
      out.records().map((r) => [r.level, r.k]),
      [
        [10, 'v'],
        [60, 'v'],
      ],
    );
  });
});
