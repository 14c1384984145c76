import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { test } from 'node:test';
import { type Context, context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { getLogger, withContext } from '../dist/esm/index.js';
import { captureSetup, PLAIN_JSON } from './support/foundation-capture.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test('withContext: fields on every record inside, across awaits, and not outside', async () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  const log = getLogger('ctx');
  const result = await withContext({ request_id: 'r-1', user: 'ann' }, async () => {
    log.info('before await');
    await tick();
    await new Promise((resolve) => setTimeout(resolve, 1));
    log.info('after await', { user: 'call wins' });
    return 'done';
  });
  log.info('outside');
  assert.equal(result, 'done');
  assert.deepEqual(out.json(), [
    { request_id: 'r-1', user: 'ann', event: 'before await', level: 'info', logger_name: 'ctx' },
    { request_id: 'r-1', user: 'call wins', event: 'after await', level: 'info', logger_name: 'ctx' },
    { event: 'outside', level: 'info', logger_name: 'ctx' },
  ]);
});

test('withContext: concurrent requests never see each other’s fields', async () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  const log = getLogger('ctx');
  const ids = ['a', 'b', 'c', 'd', 'e'];
  await Promise.all(
    ids.map((id, i) =>
      withContext({ request_id: id }, async () => {
        for (let step = 0; step < 4; step++) {
          for (let k = 0; k <= (i + step) % 3; k++) await tick();
          log.info('step', { expect: id, step });
        }
      }),
    ),
  );
  const records = out.json();
  assert.equal(records.length, ids.length * 4);
  for (const record of records) assert.equal(record.request_id, record.expect);
  // The requests really interleaved: the records are not grouped by request.
  assert.notDeepEqual(
    records.map((r) => r.request_id),
    [...ids.flatMap((id) => [id, id, id, id])],
  );
});

test('withContext: nested contexts add to the outer fields; sync functions return their value', () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  const log = getLogger('ctx');
  const value = withContext({ a: 1, b: 1 }, () =>
    withContext({ b: 2 }, () => {
      log.info('nested');
      return 7;
    }),
  );
  assert.equal(value, 7);
  assert.deepEqual(out.json()[0], { a: 1, b: 2, event: 'nested', level: 'info', logger_name: 'ctx' });
});

/** A context manager on AsyncLocalStorage: what @opentelemetry/context-async-hooks provides. */
class AsyncLocalContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    return this;
  }
}

test('OpenTelemetry: trace_id/span_id of the active span are added, unless a field sets trace_id', () => {
  context.setGlobalContextManager(new AsyncLocalContextManager());
  try {
    const out = captureSetup({ logging: PLAIN_JSON });
    const log = getLogger('otel');
    const span = trace.wrapSpanContext({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
    });
    context.with(trace.setSpan(ROOT_CONTEXT, span), () => {
      log.info('in span', { k: 1 });
      log.info('explicit', { trace_id: 'mine' });
    });
    log.info('no span');
    assert.deepEqual(out.json(), [
      {
        k: 1,
        trace_id: '0af7651916cd43dd8448eb211c80319c',
        span_id: 'b7ad6b7169203331',
        event: 'in span',
        level: 'info',
        logger_name: 'otel',
      },
      { trace_id: 'mine', event: 'explicit', level: 'info', logger_name: 'otel' },
      { event: 'no span', level: 'info', logger_name: 'otel' },
    ]);

    const off = captureSetup({ logging: { ...PLAIN_JSON, traceContext: false } });
    context.with(trace.setSpan(ROOT_CONTEXT, span), () => log.info('ids off'));
    assert.deepEqual(off.json(), [{ event: 'ids off', level: 'info', logger_name: 'otel' }]);
  } finally {
    context.disable();
  }
});

test('OpenTelemetry with withContext: concurrent requests each carry their own span ids and fields', async () => {
  context.setGlobalContextManager(new AsyncLocalContextManager());
  try {
    const out = captureSetup({ logging: PLAIN_JSON });
    const log = getLogger('otel.concurrent');
    const requests = ['1', '2', '3', '4'].map((n) => ({
      id: `req-${n}`,
      traceId: n.repeat(32),
      spanId: n.repeat(16),
    }));
    await Promise.all(
      requests.map((request, i) =>
        context.with(
          trace.setSpan(
            ROOT_CONTEXT,
            trace.wrapSpanContext({ traceId: request.traceId, spanId: request.spanId, traceFlags: 1 }),
          ),
          () =>
            withContext({ request_id: request.id }, async () => {
              for (let step = 0; step < 3; step++) {
                for (let k = 0; k <= (i + step) % 3; k++) await tick();
                log.info('step', { step });
              }
            }),
        ),
      ),
    );
    log.info('after');
    const records = out.json();
    assert.equal(records.length, requests.length * 3 + 1);
    for (const record of records.slice(0, -1)) {
      const request = requests.find((r) => r.id === record.request_id);
      assert.ok(request, `a request_id on ${JSON.stringify(record)}`);
      assert.equal(record.trace_id, request.traceId);
      assert.equal(record.span_id, request.spanId);
    }
    assert.notDeepEqual(
      records.slice(0, -1).map((r) => r.request_id),
      requests.flatMap((r) => [r.id, r.id, r.id]),
      'the requests interleaved',
    );
    assert.deepEqual(records.at(-1), { event: 'after', level: 'info', logger_name: 'otel.concurrent' });
  } finally {
    context.disable();
  }
});
