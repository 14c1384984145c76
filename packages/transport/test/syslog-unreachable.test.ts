import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '@sluice/core';
import { createTransport, type DestinationError, type TransportOptions } from '../dist/esm/index.js';
import { readRecords, runFixture, tempDir } from './support/records.js';
import { findRsyslogd, freeTcpPort, freeUdpPort, RsyslogServer, waitUntil } from './support/rsyslog.js';

// A syslog target whose server is down or cannot be found: what the application is told (which target,
// which cause), what stats() counts for it, and what close() does with the records it holds. Closed
// loopback ports and a name under .invalid (never resolves) stand in for the missing server; the
// reconnect at close runs against a real rsyslogd.

/** A name that never resolves (RFC 2606 reserves .invalid). */
const UNRESOLVABLE = 'no-such-syslog-host.invalid';
/** What getaddrinfo says for it: no such name, or no answer at all on a machine without DNS. */
const DNS_CODES = ['ENOTFOUND', 'EAI_AGAIN'];

/** A transport with one syslog target, collecting what its onError hook receives. */
function syslogTransport(
  dest: Record<string, unknown>,
  extra: Partial<TransportOptions> = {},
): { transport: ReturnType<typeof createTransport>; errors: DestinationError[] } {
  const errors: DestinationError[] = [];
  const transport = createTransport({
    dest: { type: 'syslog', appName: 'unreachable', ...dest } as TransportOptions['dest'],
    onError: (error) => errors.push(error),
    ...extra,
  });
  return { transport, errors };
}

/** Process warnings from the transport whose text mentions `marker` (a port or host of this test). */
function collectWarnings(marker: string): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const listener = (warning: Error & { code?: string }) => {
    if (warning.code === 'SLUICE_TRANSPORT' && warning.message.includes(marker)) lines.push(warning.message);
  };
  process.on('warning', listener);
  return { lines, stop: () => process.off('warning', listener) };
}

describe('a syslog target whose server cannot be reached names the target and the cause', () => {
  test('tcp to a closed port: ECONNREFUSED and "syslog tcp 127.0.0.1:<port>"; flush() resolves with the records held', async () => {
    const port = await freeTcpPort();
    const { transport, errors } = syslogTransport({ protocol: 'tcp', port, closeTimeoutMs: 100 });
    await transport.ready;
    const log = createLogger({ transport, base: null });
    for (let seq = 0; seq < 10; seq++) log.info({ seq }, 'held');
    await waitUntil(() => errors.length > 0, 'the refused connection is reported');
    await transport.flush(); // held in the target's own buffer: nothing for flush() to wait on

    const [error] = errors;
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(error.target, `syslog tcp 127.0.0.1:${port}`);
    assert.equal(error.final, false);
    assert.ok(error.message.includes(`syslog tcp 127.0.0.1:${port}`), error.message);
    assert.ok(error.message.includes('ECONNREFUSED'), error.message);
    await transport.close();
  });

  test('without onError, the warning names the target and the errno (never UNKNOWN)', async () => {
    const port = await freeTcpPort();
    const warnings = collectWarnings(`:${port}`);
    const transport = createTransport({
      dest: { type: 'syslog', protocol: 'tcp', port, closeTimeoutMs: 100 },
    });
    try {
      await transport.ready;
      createLogger({ transport, base: null }).info('held');
      await waitUntil(() => warnings.lines.length > 0, 'a warning');
      const [line] = warnings.lines;
      assert.ok(line.includes(`syslog tcp 127.0.0.1:${port}`), line);
      assert.ok(line.includes('ECONNREFUSED'), line);
      assert.ok(!line.includes('UNKNOWN'), line);
      await transport.close();
    } finally {
      warnings.stop();
    }
  });

  test('udp to a closed loopback port: the ICMP refusal is ECONNREFUSED, named; refused records count as dropped', async () => {
    const port = await freeUdpPort();
    const { transport, errors } = syslogTransport({ protocol: 'udp', port, closeTimeoutMs: 100 });
    await transport.ready;
    const log = createLogger({ transport, base: null });
    // The refusal comes back by ICMP after a datagram is sent, and is reported on a later send.
    let logged = 0;
    await waitUntil(async () => {
      log.info({ seq: logged++ }, 'into the void');
      await transport.flush();
      return errors.length > 0;
    }, 'a send refused');
    await transport.flush();

    const [error] = errors;
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(error.target, `syslog udp 127.0.0.1:${port}`);
    assert.ok(error.message.includes(`syslog udp 127.0.0.1:${port}`), error.message);
    const [stats] = transport.stats().targets;
    assert.equal(stats.target, `syslog udp 127.0.0.1:${port}`);
    assert.ok(stats.recordsDropped >= 1, `the refused send is counted (${stats.recordsDropped})`);
    assert.equal(
      stats.recordsDelivered + stats.recordsDropped,
      logged,
      'each record sent (the kernel took it) or dropped',
    );
    await transport.close();
  });

  for (const protocol of ['tcp', 'udp'] as const) {
    test(`${protocol} to a host name that does not resolve: the DNS error and the host are named`, async () => {
      const { transport, errors } = syslogTransport({
        protocol,
        host: UNRESOLVABLE,
        port: 514,
        closeTimeoutMs: 100,
      });
      await transport.ready;
      createLogger({ transport, base: null }).info('held');
      await waitUntil(() => errors.length > 0, 'the failed lookup is reported');
      const [error] = errors;
      assert.ok(DNS_CODES.includes(error.code), `a DNS error code: ${error.code}`);
      assert.equal(error.target, `syslog ${protocol} ${UNRESOLVABLE}:514`);
      assert.ok(error.message.includes(UNRESOLVABLE), error.message);
      assert.ok(error.message.includes(error.code), error.message);
      await transport.close();
    });
  }
});

describe('stats() counts per target what was delivered, held and dropped', () => {
  test('records held for a server that is down are not written; close() gives up on them: dropped, counted', async () => {
    const port = await freeTcpPort();
    const file = join(tempDir('syslog-stats'), 'all.log');
    const errors: DestinationError[] = [];
    const transport = createTransport({
      targets: [{ dest: file }, { dest: { type: 'syslog', protocol: 'tcp', port, closeTimeoutMs: 100 } }],
      onError: (error) => errors.push(error),
    });
    await transport.ready;
    const log = createLogger({ transport, base: null });
    const N = 25;
    for (let seq = 0; seq < N; seq++) log.info({ seq }, 'to both');
    await transport.flush();

    const syslogName = `syslog tcp 127.0.0.1:${port}`;
    const before = transport.stats();
    assert.deepEqual(before.targets, [
      { target: `file ${JSON.stringify(file)}`, recordsDelivered: N, recordsDropped: 0, recordsHeld: 0 },
      { target: syslogName, recordsDelivered: 0, recordsDropped: 0, recordsHeld: N },
    ]);

    await transport.close();
    const closed = transport.stats();
    assert.deepEqual(closed.targets, [
      { target: `file ${JSON.stringify(file)}`, recordsDelivered: N, recordsDropped: 0, recordsHeld: 0 },
      { target: syslogName, recordsDelivered: 0, recordsDropped: N, recordsHeld: 0 },
    ]);
    assert.equal(closed.destinationDropped, N, 'what a target lost, as for an abandoned file');
    assert.equal(readRecords(file).length, N);
  });

  test('with one syslog target, recordsWritten + destinationDropped = records logged', async () => {
    const port = await freeTcpPort();
    const { transport } = syslogTransport({ protocol: 'tcp', port, closeTimeoutMs: 100 });
    await transport.ready;
    const log = createLogger({ transport, base: null });
    for (let seq = 0; seq < 12; seq++) log.info({ seq }, 'never delivered');
    await transport.close();
    const stats = transport.stats();
    assert.equal(stats.recordsWritten, 0, 'none was written: the server never took one');
    assert.equal(stats.destinationDropped, 12);
  });
});

describe('close() with the syslog server down', () => {
  test('waits closeTimeoutMs for a reconnect, then reports what it gives up in one line: target, count, cause', async () => {
    const port = await freeTcpPort();
    const { transport, errors } = syslogTransport({ protocol: 'tcp', port, closeTimeoutMs: 300 });
    await transport.ready;
    const log = createLogger({ transport, base: null });
    for (let seq = 0; seq < 7; seq++) log.info({ seq }, 'given up');
    await transport.flush();
    await transport.close();

    const final = errors.filter((error) => error.final);
    assert.equal(final.length, 1, 'one report for what close() gave up');
    const [report] = final;
    assert.equal(report.target, `syslog tcp 127.0.0.1:${port}`);
    assert.equal(report.code, 'ECONNREFUSED');
    assert.equal(report.message.split('\n').length, 1, 'one line');
    for (const part of [`syslog tcp 127.0.0.1:${port}`, '7 records', 'ECONNREFUSED', '300 ms']) {
      assert.ok(report.message.includes(part), `${JSON.stringify(report.message)} mentions ${part}`);
    }
  });

  test('without onError, what close() gives up is one warning line', async () => {
    const port = await freeTcpPort();
    const warnings = collectWarnings(`:${port}`);
    const transport = createTransport({
      dest: { type: 'syslog', protocol: 'tcp', port, closeTimeoutMs: 100 },
    });
    try {
      await transport.ready;
      const log = createLogger({ transport, base: null });
      for (let seq = 0; seq < 3; seq++) log.info({ seq }, 'given up');
      await transport.flush();
      await waitUntil(() => warnings.lines.length > 0, 'the outage warning');
      const outage = warnings.lines.length;
      await transport.close();
      const atClose = warnings.lines.slice(outage);
      assert.equal(atClose.length, 1, `one line at close: ${JSON.stringify(warnings.lines)}`);
      assert.equal(atClose[0].split('\n').length, 1);
      for (const part of [`syslog tcp 127.0.0.1:${port}`, '3 records', 'ECONNREFUSED']) {
        assert.ok(atClose[0].includes(part), `${JSON.stringify(atClose[0])} mentions ${part}`);
      }
    } finally {
      warnings.stop();
    }
  });
});

describe('the process ends with a syslog target that dropped records', () => {
  for (const [held, bufferBytes] of [
    ['dropped at once (bufferBytes 0)', 0],
    ['held for the server (given up at exit)', 1024 * 1024],
  ] as const) {
    test(`the exit report names the target and the cause of the records it ${held}`, async () => {
      const port = await freeTcpPort();
      const result = await runFixture('syslog-unreachable-exit.mjs', [
        String(port),
        '9',
        String(bufferBytes),
      ]);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), {
        code: 'ECONNREFUSED',
        target: `syslog tcp 127.0.0.1:${port}`,
      });
      const reports = result.stderr.split('\n').filter((line) => line.includes('could not be written'));
      assert.deepEqual(reports, [
        `sluice: 9 records could not be written to syslog tcp 127.0.0.1:${port} (ECONNREFUSED) and were dropped (stats().destinationDropped)`,
      ]);
    });
  }
});

const rsyslogd = findRsyslogd();
const missing =
  rsyslogd === null ? 'rsyslogd is not installed (scripts/ci-system-deps.sh installs it)' : false;
if (missing !== false && process.env.CI === 'true') {
  test('rsyslogd is installed (CI installs it with scripts/ci-system-deps.sh)', () => assert.fail(missing));
}

describe('close() while a real rsyslog restarts', { skip: missing }, () => {
  let server: RsyslogServer;
  before(async () => {
    server = await RsyslogServer.start(rsyslogd as string, tempDir('syslog-close-wait'));
  });
  after(async () => {
    await server?.stop();
  });

  test('tcp: close() waits for the server to come back and delivers every record it held, in order', async () => {
    await server.stop();
    const tag = randomUUID();
    // A generous bound: rsyslog's restart on a loaded machine must not decide the test.
    const { transport, errors } = syslogTransport({
      protocol: 'tcp',
      port: server.tcpPort,
      closeTimeoutMs: 30_000,
    });
    await transport.ready;
    const log = createLogger({ transport, base: null });
    const N = 20;
    for (let seq = 0; seq < N; seq++) log.info({ seq, tag }, 'held over the outage');
    await transport.flush();
    await waitUntil(() => transport.stats().targets[0].recordsHeld === N, `${N} records held`);

    const closing = transport.close();
    await server.restart();
    await closing;

    const received = await server.waitForMessages(tag, N);
    assert.deepEqual(
      received.map((message) => JSON.parse(message.msg).seq),
      Array.from({ length: N }, (_, seq) => seq),
    );
    const [stats] = transport.stats().targets;
    assert.deepEqual(
      { delivered: stats.recordsDelivered, dropped: stats.recordsDropped, held: stats.recordsHeld },
      { delivered: N, dropped: 0, held: 0 },
    );
    assert.equal(transport.stats().recordsWritten, N);
    assert.deepEqual(
      errors.filter((error) => error.final),
      [],
      'nothing given up',
    );
  });
});
