import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createLogger, SluiceConfigError } from '@sluice/core';
import { sluiceWritable } from '../dist/esm/adapters/stream.js';
import { createTransport, type OtlpTargetOptions, type TransportOptions } from '../dist/esm/index.js';
import { OtlpCollector, type ReceivedLogRecord } from './support/otlp-collector.js';
import { runFixture } from './support/records.js';

// An otlp target exports records as OTLP/HTTP logs. A receiver here decodes every request with the
// official OpenTelemetry definitions and checks each record; the collector is also down, failing, or
// too slow for the buffer, and the records are then held, retried, or dropped and counted exactly.

const warnings: string[] = [];
const onWarning = (warning: Error) => {
  if ((warning as { code?: string }).code === 'SLUICE_TRANSPORT') warnings.push(warning.message);
};
process.on('warning', onWarning);
after(() => process.off('warning', onWarning));

/** A transport with one otlp target; a collector already listening is stopped if it cannot start. */
function otlpTransport(otlp: OtlpTargetOptions, collector: OtlpCollector) {
  const errors: Error[] = [];
  try {
    const transport = createTransport({
      targets: [{ otlp, level: 'trace' }],
      onError: (error) => errors.push(error),
    });
    return { transport, errors };
  } catch (error) {
    void collector.stop();
    throw error;
  }
}

/** Liveness, not speed: waits until `condition` holds, failing after `limitMs`. */
async function until(condition: () => boolean, limitMs = 20_000): Promise<void> {
  const giveUpAt = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > giveUpAt) assert.fail(`not within ${limitMs} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

describe('an otlp target delivers every field, decoded by the official definitions', () => {
  for (const protocol of ['http/protobuf', 'http/json'] as const) {
    test(`${protocol}: time, severity, body, typed attributes, trace context and resource`, async () => {
      const collector = await OtlpCollector.create();
      const { transport, errors } = otlpTransport(
        {
          url: collector.url,
          protocol,
          resource: { 'service.name': 'checkout', 'service.instance': 7 },
          headers: { 'x-api-key': 'secret' },
        },
        collector,
      );
      try {
        await transport.ready;
        const log = createLogger({ transport, base: null, level: 'trace' });
        // fatal() waits for its record to be written, and this collector runs on this thread: a
        // level-60 record comes through the stream adapter instead, as another library's line.
        const levels = ['trace', 'debug', 'info', 'warn', 'error'] as const;
        levels.forEach((level, seq) => {
          log[level](
            {
              seq,
              text: 'żółw 🐢 "quoted"\n',
              ratio: 0.25,
              negative: -42,
              ok: true,
              nothing: null,
              nested: { depth: { n: 1 }, list: [1, 'two', false] },
              list: ['a', 1.5, { k: 'v' }],
              trace_id: TRACE_ID,
              span_id: SPAN_ID,
              trace_flags: '01',
            },
            `message ${level}`,
          );
        });
        log.info({ seq: 5 }, 'no trace context');
        const time = Date.now();
        const stream = sluiceWritable({ transport });
        await new Promise<void>((resolve) =>
          stream.write(`{"level":60,"time":${time},"seq":6,"msg":"fatal line"}\n`, () => resolve()),
        );
        await new Promise<void>((resolve) => stream.write('not JSON at all\n', () => resolve()));
        await transport.flush();
        const received = await collector.waitForRecords(8);
        assert.equal(received.length, 8);
        assert.deepEqual(
          collector.contentTypes[0],
          protocol === 'http/json' ? 'application/json' : 'application/x-protobuf',
        );
        const severities = [
          [1, 'trace'],
          [5, 'debug'],
          [9, 'info'],
          [13, 'warn'],
          [17, 'error'],
          [9, 'info'],
          [21, 'fatal'],
        ];
        for (const record of received) {
          assert.deepEqual(record.resource, { 'service.name': 'checkout', 'service.instance': 7 });
          assert.equal(record.scope, 'sluice');
          assert.ok(BigInt(record.observedTimeUnixNano) > 0n);
        }
        const unparsed = received.find((record) => record.body === 'not JSON at all');
        assert.deepEqual(
          unparsed?.attributes,
          { unparsed: true },
          'a line that is not JSON is kept whole, marked',
        );
        const bySeq = received.filter((record) => record !== unparsed);
        bySeq.sort((a, b) => (a.attributes.seq as number) - (b.attributes.seq as number));
        bySeq.forEach((record: ReceivedLogRecord, seq) => {
          assert.equal(record.attributes.seq, seq);
          assert.deepEqual([record.severityNumber, record.severityText], severities[seq]);
          const ms = Number(BigInt(record.timeUnixNano) / 1_000_000n);
          assert.ok(
            Math.abs(ms - Date.now()) < 60_000,
            `time ${record.timeUnixNano} is the record's epoch time`,
          );
          assert.equal(BigInt(record.timeUnixNano) % 1_000_000n, 0n, "from the record's millisecond time");
          if (seq === 6) {
            assert.equal(record.timeUnixNano, `${time}000000`);
            assert.equal(record.body, 'fatal line');
            assert.deepEqual(record.attributes, { seq: 6 });
            return;
          }
          if (seq === 5) {
            assert.equal(record.body, 'no trace context');
            assert.deepEqual(record.attributes, { seq: 5 });
            assert.equal(record.traceId, '');
            assert.equal(record.spanId, '');
            return;
          }
          assert.equal(record.body, `message ${levels[seq]}`);
          assert.deepEqual(record.attributes, {
            seq,
            text: 'żółw 🐢 "quoted"\n',
            ratio: 0.25,
            negative: -42,
            ok: true,
            nothing: null,
            nested: { depth: { n: 1 }, list: [1, 'two', false] },
            list: ['a', 1.5, { k: 'v' }],
          });
          assert.equal(record.traceId, TRACE_ID);
          assert.equal(record.spanId, SPAN_ID);
          assert.equal(record.flags, 1);
        });
        assert.deepEqual(collector.decodeErrors, []);
        assert.deepEqual(errors, []);
        assert.equal(transport.stats().destinationDropped, 0);
      } finally {
        await transport.close();
        await collector.stop();
      }
    });
  }
});

describe('an otlp target whose collector is down or failing', () => {
  test('down at start, then back: flush does not wait for it, and every record arrives once, in order', async () => {
    const collector = await OtlpCollector.create(false);
    const { transport, errors } = otlpTransport({ url: collector.url, maxBatchRecords: 50 }, collector);
    try {
      await transport.ready;
      const log = createLogger({ transport, base: null });
      const N = 400;
      for (let seq = 0; seq < N; seq++) log.info({ seq }, 'while the collector is down');
      await transport.flush(); // resolves: the records are held, not waited for
      await until(() => errors.length >= 1); // the outage is reported (a message from the worker)
      assert.match(errors[0].message, /otlp http:\/\/127\.0\.0\.1:\d+\/v1\/logs: .*ECONNREFUSED.*retrying/);
      await collector.start();
      const received = await collector.waitForRecords(N);
      assert.deepEqual(
        received.map((record) => record.attributes.seq),
        Array.from({ length: N }, (_, seq) => seq),
      );
      assert.equal(transport.stats().destinationDropped, 0);
    } finally {
      await transport.close();
      await collector.stop();
    }
  });

  test('answering 500, 503 and 429 for a while: the batches are retried until accepted, none lost', async () => {
    const collector = await OtlpCollector.create();
    collector.failWith = [500, 503, 429, 500];
    const { transport } = otlpTransport({ url: collector.url, protocol: 'http/json' }, collector);
    try {
      await transport.ready;
      const log = createLogger({ transport, base: null });
      const N = 300;
      for (let seq = 0; seq < N; seq++) log.warn({ seq }, 'retried');
      await transport.flush(); // resolves: the records are held, not waited for
      const received = await collector.waitForRecords(N);
      assert.deepEqual(
        received.map((record) => record.attributes.seq),
        Array.from({ length: N }, (_, seq) => seq),
      );
      assert.ok(collector.requests >= 5, `${collector.requests} requests: four refused, then accepted`);
      assert.equal(transport.stats().destinationDropped, 0);
    } finally {
      await transport.close();
      await collector.stop();
    }
  });

  test('a batch the collector refuses (400) is dropped and counted, told once; the next batches are delivered', async () => {
    const collector = await OtlpCollector.create();
    // Every request refused until the first 10 records are counted, however they were batched.
    collector.failWith = Array.from({ length: 100 }, () => 400);
    const { transport } = otlpTransport({ url: collector.url, maxBatchRecords: 5 }, collector);
    try {
      await transport.ready;
      const log = createLogger({ transport, base: null });
      for (let seq = 0; seq < 5; seq++) log.info({ seq }, 'refused');
      await transport.flush();
      for (let seq = 5; seq < 10; seq++) log.info({ seq }, 'refused');
      await transport.flush();
      assert.equal(transport.stats().destinationDropped, 10);
      collector.failWith = [];
      for (let seq = 10; seq < 20; seq++) log.info({ seq }, 'accepted');
      await transport.flush();
      const received = await collector.waitForRecords(10);
      assert.deepEqual(
        received.map((record) => record.attributes.seq),
        Array.from({ length: 10 }, (_, i) => 10 + i),
      );
      await until(() =>
        warnings.some((message) => message.includes(`${collector.url}: the collector refused`)),
      );
      const told = warnings.filter((message) => message.includes(`${collector.url}: the collector refused`));
      assert.equal(told.length, 1, JSON.stringify(told));
      assert.match(told[0], /HTTP 400/);
    } finally {
      await transport.close();
      await collector.stop();
    }
  });

  test('past maxBufferRecords the oldest are dropped, counted exactly in stats(), told once', async () => {
    const collector = await OtlpCollector.create(false);
    const { transport } = otlpTransport(
      { url: collector.url, maxBatchRecords: 10, maxBufferRecords: 50 },
      collector,
    );
    try {
      await transport.ready;
      const log = createLogger({ transport, base: null });
      const N = 200;
      for (let seq = 0; seq < N; seq++) log.info({ seq }, 'overflow');
      await transport.flush(); // resolves: the records are held, not waited for
      await until(() => transport.stats().destinationDropped >= N - 50);
      assert.equal(transport.stats().destinationDropped, N - 50);
      const told = warnings.filter(
        (message) => message.includes(collector.url) && message.includes('dropping'),
      );
      assert.equal(told.length, 1, `one warning: ${JSON.stringify(warnings)}`);
      assert.match(told[0], /50-record buffer is full/);
      await collector.start();
      const received = await collector.waitForRecords(50);
      const seqs = received.map((record) => record.attributes.seq as number);
      assert.equal(seqs.length, 50);
      assert.ok(
        seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]),
        `in order, each once: ${seqs.join(',')}`,
      );
      // The oldest records not already being sent were dropped: the newest are among those kept.
      assert.deepEqual(
        seqs.slice(-30),
        Array.from({ length: 30 }, (_, i) => N - 30 + i),
      );
      await transport.flush();
      assert.equal(transport.stats().destinationDropped, N - 50);
      assert.equal(transport.stats().recordsWritten, 50);
    } finally {
      await transport.close();
      await collector.stop();
    }
  });

  test('close() while the collector is down ends, counting what it could not send', async () => {
    const collector = await OtlpCollector.create(false);
    const { transport } = otlpTransport({ url: collector.url }, collector);
    await transport.ready;
    const log = createLogger({ transport, base: null });
    for (let seq = 0; seq < 20; seq++) log.info({ seq }, 'never delivered');
    await transport.flush(); // resolves: the records are held, not waited for
    await transport.close();
    assert.equal(transport.stats().destinationDropped, 20);
    assert.equal(transport.stats().recordsWritten, 0);
  });
});

describe('the process ends with an otlp target whose collector is down', () => {
  test('the records it held are given up at exit, counted, and the exit report names the target and cause', async () => {
    const collector = await OtlpCollector.create(false);
    const result = await runFixture('otlp-unreachable-exit.mjs', [String(collector.port), '9']);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { code: 'ECONNREFUSED', target: `otlp ${collector.url}` });
    const reports = result.stderr.split('\n').filter((line) => line.includes('could not be written'));
    assert.deepEqual(reports, [
      `sluice: 9 records could not be written to otlp ${collector.url} (ECONNREFUSED) and were dropped (stats().destinationDropped)`,
    ]);
  });
});

describe('otlp target options are checked', () => {
  function assertConfigError(options: unknown, expected: string): void {
    assert.throws(
      () => createTransport(options as TransportOptions),
      (error: unknown) => {
        assert.ok(error instanceof SluiceConfigError, `expected SluiceConfigError, got ${String(error)}`);
        assert.ok(error.message.includes(expected), `${JSON.stringify(error.message)} includes ${expected}`);
        return true;
      },
    );
  }
  const url = 'http://127.0.0.1:4318/v1/logs';

  test('an unknown key names the nearest valid one', () => {
    assertConfigError(
      { targets: [{ otlp: { url, protocl: 'http/json' } }] },
      "unknown option 'protocl' in targets[0].otlp; did you mean 'protocol'?",
    );
  });

  test('bad values: protocol, url, sizes, headers, resource, dest beside otlp, a logfmt transport', () => {
    assertConfigError(
      { targets: [{ otlp: { url, protocol: 'grpc' } }] },
      'Valid choices: "http/protobuf", "http/json"',
    );
    assertConfigError(
      { targets: [{ otlp: { url: 'ftp://collector/v1/logs' } }] },
      'Invalid targets[0].otlp.url',
    );
    assertConfigError({ targets: [{ otlp: {} }] }, 'Invalid targets[0].otlp.url: undefined');
    assertConfigError(
      { targets: [{ otlp: { url, maxBatchRecords: 0 } }] },
      'Invalid targets[0].otlp.maxBatchRecords: 0',
    );
    assertConfigError(
      { targets: [{ otlp: { url, maxBatchRecords: 100, maxBufferRecords: 10 } }] },
      'Invalid targets[0].otlp.maxBufferRecords: 10',
    );
    assertConfigError(
      { targets: [{ otlp: { url, headers: { 'x-key': 'a\r\nb' } } }] },
      'Invalid targets[0].otlp.headers',
    );
    assertConfigError(
      { targets: [{ otlp: { url, resource: { 'service.name': {} } } }] },
      'Invalid targets[0].otlp.resource',
    );
    assertConfigError(
      { targets: [{ otlp: { url }, dest: 1 }] },
      'Invalid targets[0].dest: an otlp target has no dest',
    );
    assertConfigError({ format: 'logfmt', targets: [{ otlp: { url } }] }, 'Invalid targets[0].otlp');
  });
});
