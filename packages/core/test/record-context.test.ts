import assert from 'node:assert/strict';
import { test } from 'node:test';
import { context, TraceFlags, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { createLogger } from '../dist/esm/index.js';
import { assertConfigError } from './support/config-error.js';
import { RecordCollector } from './support/record-collector.js';

test('mixin: its fields come after the bindings and before the call’s; it sees the call’s fields and the level', () => {
  const sink = new RecordCollector();
  const seen: [object, number][] = [];
  const log = createLogger({
    destination: sink,
    base: null,
    timestamp: false,
    mixin: (fields, level) => {
      seen.push([fields, level]);
      return { requestId: 'r-1' };
    },
  });
  log.child({ svc: 'api' }).warn({ user: 'ada' }, 'hello');
  log.info('no fields');
  assert.deepEqual(
    sink.lines.map((line) => line.trimEnd()),
    [
      '{"level":40,"svc":"api","requestId":"r-1","user":"ada","msg":"hello"}',
      '{"level":30,"requestId":"r-1","msg":"no fields"}',
    ],
  );
  assert.deepEqual(seen, [
    [{ user: 'ada' }, 40],
    [{}, 30],
  ]);
});

test('mixin: not called for a disabled level; a non-object result adds nothing', () => {
  const sink = new RecordCollector();
  let calls = 0;
  const log = createLogger({
    destination: sink,
    base: null,
    timestamp: false,
    mixin: () => {
      calls++;
      return undefined;
    },
  });
  log.debug('filtered');
  log.info('kept');
  assert.equal(calls, 1);
  assert.deepEqual(
    sink.lines.map((line) => line.trimEnd()),
    ['{"level":30,"msg":"kept"}'],
  );
});

test('mixin: one that throws leaves a marker field and the record, never an exception', () => {
  const sink = new RecordCollector();
  const log = createLogger({
    destination: sink,
    base: null,
    timestamp: false,
    mixin: () => {
      throw new Error('no store');
    },
  });
  assert.doesNotThrow(() => log.info({ a: 1 }, 'still written'));
  const record = JSON.parse(sink.lines.map((line) => line.trimEnd())[0]);
  assert.equal(record.msg, 'still written');
  assert.equal(record.a, 1);
  assert.match(record.mixin, /no store/);
});

test('mixin and traceContext are checked: a wrong type is a config error', () => {
  assertConfigError(() => createLogger({ mixin: {} as never }), ['mixin']);
  assertConfigError(() => createLogger({ traceContext: 'yes' as never }), ['traceContext']);
});

test('traceContext: records inside an active span carry trace_id, span_id and trace_flags; outside, none', async () => {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  try {
    const sink = new RecordCollector();
    const log = createLogger({ destination: sink, base: null, timestamp: false, traceContext: true });
    const span = trace.wrapSpanContext({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    await context.with(trace.setSpan(context.active(), span), async () => {
      await Promise.resolve();
      log.info({ user: 'ada' }, 'in a span');
    });
    log.info('outside');
    assert.deepEqual(
      sink.lines.map((line) => line.trimEnd()),
      [
        '{"level":30,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","trace_flags":"01","user":"ada","msg":"in a span"}',
        '{"level":30,"msg":"outside"}',
      ],
    );
  } finally {
    context.disable();
  }
});
