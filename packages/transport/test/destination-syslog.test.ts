import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SluiceConfigError } from '@sluice/core';
import type { DestinationEvents } from '../dist/esm/destination/record-destination.js';
import {
  createSyslogDestination,
  type SyslogDestination,
  type SyslogOptions,
  validateSyslogOptions,
} from '../dist/esm/destination/syslog/index.js';
import { tempDir } from './support/records.js';
import { findRsyslogd, type ReceivedMessage, RsyslogServer, waitUntil } from './support/rsyslog.js';

// The syslog destination against a real rsyslogd started by the tests (in the foreground, on free
// loopback ports and a unix socket; see support/rsyslog.ts for its config). rsyslog writes every field
// it parsed as JSON, so the checks see exactly what a syslog server makes of sluice's messages.

const rsyslogd = findRsyslogd();
const missing =
  rsyslogd === null
    ? 'rsyslogd is not installed (scripts/ci-system-deps.sh installs it with apt-get): skipping the syslog integration tests'
    : false;
if (missing !== false && process.env.CI === 'true') {
  test('rsyslogd is installed (CI installs it with scripts/ci-system-deps.sh)', () => assert.fail(missing));
}

class RecordingEvents implements DestinationEvents {
  readonly errors: Error[] = [];
  readonly abandoned: Error[] = [];
  recovered = 0;
  onError(error: Error): void {
    this.errors.push(error);
  }
  onUnreachable(error: Error): void {
    this.errors.push(error);
  }
  onAbandoned(error: Error): void {
    this.abandoned.push(error);
  }
  onRecovered(): void {
    this.recovered++;
  }
}

/**
 * Writes `text` as one record the way the worker does: a line inside a larger reused buffer, which is
 * overwritten as soon as `write` returns (the destination must have copied what it keeps).
 */
function writeRecord(destination: SyslogDestination, text: string, level: number): void {
  const line = Buffer.from(`${text}\n`, 'utf8');
  const buffer = Buffer.concat([Buffer.from('<prev record>\n'), line, Buffer.from('{"next":')]);
  const start = 14;
  destination.write(buffer, start, start + line.length, level);
  buffer.fill(0x21);
}

const flushed = (destination: SyslogDestination) =>
  new Promise<void>((resolve) => destination.flush(resolve));
const closed = (destination: SyslogDestination) => new Promise<void>((resolve) => destination.close(resolve));

/** pino levels (standard and custom) and the syslog severity each must arrive with. */
const LEVEL_SEVERITIES: readonly [level: number, severity: number][] = [
  [10, 7],
  [20, 7],
  [30, 6],
  [40, 4],
  [50, 3],
  [60, 2],
  [5, 7],
  [25, 7],
  [35, 6],
  [45, 4],
  [55, 3],
  [70, 2],
];
const NON_ASCII = 'żółw 🐢 日本';
const LOCAL3 = 19;
const INPUT_OF = { udp: 'imudp', tcp: 'imtcp', unix: 'imptcp' } as const;
const PROTOCOLS = ['udp', 'tcp', 'unix'] as const;

describe('syslog destination with a real rsyslog', { skip: missing }, () => {
  let server: RsyslogServer;
  before(async () => {
    server = await RsyslogServer.start(rsyslogd as string, tempDir('syslog'));
  });
  after(async () => {
    await server?.stop();
  });

  const optionsFor = (
    protocol: (typeof PROTOCOLS)[number],
    extra: Record<string, unknown> = {},
  ): SyslogOptions =>
    validateSyslogOptions({
      protocol,
      ...(protocol === 'unix'
        ? { path: server.socketPath }
        : { host: '127.0.0.1', port: protocol === 'udp' ? server.udpPort : server.tcpPort }),
      facility: 'local3',
      appName: 'sluice-test',
      hostname: 'test-host',
      procid: '4242',
      msgid: 'ID47',
      structuredData: { 'meta@32473': { env: 'prod "q" \\ ]', n: 7 } },
      ...extra,
    });

  for (const protocol of PROTOCOLS) {
    test(`${protocol}: rsyslog receives every record intact and in order, at the severity its level maps to`, async () => {
      const events = new RecordingEvents();
      const destination = createSyslogDestination(optionsFor(protocol), events);
      const tag = randomUUID();
      const texts: string[] = [];
      const levels: number[] = [];
      const startedMs = Date.now();
      // Written at once after creating the destination: records that arrive before the connection is up
      // are held and sent when it is.
      for (let seq = 0; seq < LEVEL_SEVERITIES.length * 20; seq++) {
        const level = LEVEL_SEVERITIES[seq % LEVEL_SEVERITIES.length][0];
        const text = JSON.stringify({ level, seq, tag, msg: `${NON_ASCII} ${seq}` });
        writeRecord(destination, text, level);
        texts.push(text);
        levels.push(level);
      }
      await flushed(destination);
      const received = await server.waitForMessages(tag, texts.length);
      const endedMs = Date.now();
      await closed(destination);

      assert.equal(received.length, texts.length, 'no record twice');
      received.forEach((message, seq) => {
        const severity = LEVEL_SEVERITIES[seq % LEVEL_SEVERITIES.length][1];
        assert.equal(message.msg, texts[seq], `record ${seq} arrives intact and in order`);
        assert.equal(message.severity, severity, `level ${levels[seq]} -> severity ${severity}`);
        assert.equal(message.pri, LOCAL3 * 8 + severity);
        assert.equal(message.facility, LOCAL3);
        assert.equal(message.facilityName, 'local3');
        assert.equal(message.hostname, 'test-host');
        assert.equal(message.appName, 'sluice-test');
        assert.equal(message.procid, '4242');
        assert.equal(message.msgid, 'ID47');
        assert.equal(message.structuredData, '[meta@32473 env="prod \\"q\\" \\\\ \\]" n="7"]');
        assert.equal(message.input, INPUT_OF[protocol]);
        assertTimestampBetween(message, startedMs, endedMs);
      });
      assert.deepEqual(events.errors, []);
    });

    test(`${protocol}: a record with newlines and control characters stays one message, escaped as #ooo`, async () => {
      const destination = createSyslogDestination(optionsFor(protocol), new RecordingEvents());
      const tag = randomUUID();
      const forged = '<13>1 2024-01-01T00:00:00Z forged-host forged-app - - - forged message';
      const text = `${tag} one\ntwo\r\n\u0000nul\ttab\u001b[31mred\u007f ${NON_ASCII}\n${forged}`;
      writeRecord(destination, text, 30);
      writeRecord(destination, `${tag} after`, 30);
      await flushed(destination);
      const received = await server.waitForMessages(tag, 2);
      await closed(destination);

      assert.deepEqual(
        received.map((message) => message.msg),
        [
          `${tag} one#012two#015#012#000nul#011tab#033[31mred#177 ${NON_ASCII}#012${forged.replaceAll('\n', '#012')}`,
          `${tag} after`,
        ],
      );
      const forgedMessages = server.messages().filter((message) => message.appName === 'forged-app');
      assert.deepEqual(forgedMessages, [], 'no message was forged from the record text');
    });
  }

  test('udp: an oversize record is truncated at a character boundary and marked, never split', async () => {
    const maxMessageBytes = 1000;
    const destination = createSyslogDestination(
      optionsFor('udp', { maxMessageBytes }),
      new RecordingEvents(),
    );
    const tag = randomUUID();
    const text = `${tag} ${NON_ASCII.repeat(200)}`;
    const textBytes = Buffer.byteLength(text);
    writeRecord(destination, text, 50);
    writeRecord(destination, `${tag} next`, 50);
    await flushed(destination);
    const received = await server.waitForMessages(tag, 2);
    await closed(destination);

    const [truncated, next] = received;
    const marker = `…[truncated from ${textBytes} bytes]`;
    assert.ok(truncated.msg.endsWith(marker), `ends with the marker: ${truncated.msg.slice(-60)}`);
    const kept = truncated.msg.slice(0, -marker.length);
    assert.ok(text.startsWith(kept), 'what is kept is the start of the record, whole characters only');
    const rawBytes = Buffer.byteLength(truncated.raw);
    assert.ok(rawBytes <= maxMessageBytes, `${rawBytes} bytes fit in ${maxMessageBytes}`);
    // Cut at the last character that fits: a UTF-8 character is at most 4 bytes.
    assert.ok(rawBytes > maxMessageBytes - 4, `${rawBytes} bytes use the room up to ${maxMessageBytes}`);
    assert.equal(next.msg, `${tag} next`, 'the next record is its own message');
    assert.equal(received.length, 2, 'the cut-off rest of the record is not sent as a message of its own');
  });
});

describe('syslog over TCP when the server goes away', { skip: missing }, () => {
  let server: RsyslogServer;
  before(async () => {
    server = await RsyslogServer.start(rsyslogd as string, tempDir('syslog-reconnect'));
  });
  after(async () => {
    await server?.stop();
  });

  test('reconnects; records logged while it was down arrive up to the buffer bound, in order; drops are counted exactly', async () => {
    const bufferBytes = 4000;
    const events = new RecordingEvents();
    const destination = createSyslogDestination(
      validateSyslogOptions({ protocol: 'tcp', port: server.tcpPort, bufferBytes, appName: 'reconnect' }),
      events,
    );
    const tag = randomUUID();
    // Records of identical length, so every frame has the same size and the bound is exact to check.
    const record = (phase: string, seq: number) =>
      JSON.stringify({ level: 30, tag, phase, seq: String(seq).padStart(4, '0'), msg: NON_ASCII });

    for (let seq = 0; seq < 10; seq++) writeRecord(destination, record('up', seq), 30);
    await flushed(destination);
    await server.waitForMessages(tag, 10);

    await server.stop();
    await waitUntil(() => events.errors.length > 0, 'the destination notices the server went away');
    const whileDown = 60;
    for (let seq = 0; seq < whileDown; seq++) writeRecord(destination, record('down', seq), 30);
    await flushed(destination); // held or dropped: flush does not wait for the server
    const dropped = destination.droppedRecords;
    assert.ok(
      dropped > 0 && dropped < whileDown,
      `some records fit in the buffer, the rest dropped (${dropped})`,
    );

    await server.restart();
    await waitUntil(() => events.recovered > 0, 'the destination reconnects');
    for (let seq = 0; seq < 10; seq++) writeRecord(destination, record('back', seq), 30);
    await flushed(destination);
    const held = whileDown - dropped;
    const notice = `sluice dropped ${dropped} records while the syslog server was unreachable`;
    await server.waitForMessages(tag, 10 + held + 10);
    await waitUntil(() => server.messages().some((message) => message.msg === notice), 'the drop notice');
    await closed(destination);

    const received = server
      .messages()
      .filter((message) => message.msg.includes(tag) || message.msg === notice);
    const expected = [
      ...Array.from({ length: 10 }, (_, seq) => record('up', seq)),
      ...Array.from({ length: held }, (_, seq) => record('down', seq)),
      notice,
      ...Array.from({ length: 10 }, (_, seq) => record('back', seq)),
    ];
    assert.deepEqual(
      received.map((message) => message.msg),
      expected,
      'the oldest records of the outage are kept, the newest dropped; then the notice; nothing twice',
    );
    assert.equal(received.find((message) => message.msg === notice)?.severity, 4, 'the notice is a warning');

    // Exactly as many as the bound holds: `held` frames fit in bufferBytes, one more would not.
    const frame = frameBytes(received[10]);
    assert.ok(
      held * frame <= bufferBytes && (held + 1) * frame > bufferBytes,
      `${held} frames of ${frame} bytes`,
    );
    assert.equal(events.errors.length, 2, 'reported once for the outage and once when dropping began');
    assert.equal(events.recovered, 1);
  });

  test('closing while the server is unreachable calls back after closeTimeoutMs and counts what it held as dropped', async () => {
    await server.stop();
    const events = new RecordingEvents();
    const destination = createSyslogDestination(
      validateSyslogOptions({ protocol: 'tcp', port: server.tcpPort, closeTimeoutMs: 100 }),
      events,
    );
    for (let seq = 0; seq < 5; seq++) writeRecord(destination, `record ${seq}`, 30);
    await flushed(destination);
    await closed(destination);
    assert.equal(destination.droppedRecords, 5);
    assert.equal(events.abandoned.length, 1, 'what close() gave up is reported once');
    const [report] = events.abandoned;
    assert.equal((report as NodeJS.ErrnoException).code, 'ECONNREFUSED');
    assert.match(report.message, /gave up on 5 records .* 100 ms .*ECONNREFUSED/);
  });
});

describe('validateSyslogOptions names the bad value and the valid choices', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['unknown protocol', { protocol: 'tls' }, ['protocol', '"tls"', '"udp"', '"tcp"', '"unix"']],
    ['port out of range', { port: 70000 }, ['port', '70000', '1 to 65535']],
    ['port not an integer', { port: '514' }, ['port', '"514"']],
    ['unix without a path', { protocol: 'unix' }, ['path', 'undefined', '"unix"']],
    ['a path for udp', { path: '/dev/log' }, ['path', '"/dev/log"', '"unix"']],
    [
      'unknown facility name',
      { facility: 'local8' },
      ['facility', '"local8"', '"local7"', '"user"', '0 to 23'],
    ],
    ['facility number out of range', { facility: 24 }, ['facility', '24', '0 to 23']],
    ['appName with a space', { appName: 'my app' }, ['appName', '"my app"', '1 to 48 printable ASCII']],
    ['appName too long', { appName: 'a'.repeat(49) }, ['appName', '1 to 48']],
    ['hostname with non-ASCII', { hostname: 'żółw' }, ['hostname', '"żółw"', '1 to 255']],
    ['empty msgid', { msgid: '' }, ['msgid', '""', '1 to 32']],
    ['procid too long', { procid: 'p'.repeat(129) }, ['procid', '1 to 128']],
    [
      'SD-ID without an enterprise number',
      { structuredData: { custom: { a: '1' } } },
      ['"custom"', 'name@<private enterprise number>', '"meta"'],
    ],
    ['SD-ID with a space', { structuredData: { 'my id@32473': {} } }, ['"my id@32473"']],
    ['PARAM-NAME with "="', { structuredData: { 'x@32473': { 'a=b': '1' } } }, ['PARAM-NAME', '"a=b"']],
    [
      'PARAM-VALUE with a newline',
      { structuredData: { 'x@32473': { a: 'x\ny' } } },
      ['"x\\ny"', 'control characters'],
    ],
    ['maxMessageBytes below 480', { maxMessageBytes: 100 }, ['maxMessageBytes', '100', '480']],
    [
      'udp maxMessageBytes above a datagram',
      { maxMessageBytes: 70000 },
      ['maxMessageBytes', '70000', '65507'],
    ],
    ['negative bufferBytes', { bufferBytes: -1 }, ['bufferBytes', '-1']],
    ['closeTimeoutMs not a number', { closeTimeoutMs: '2s' }, ['closeTimeoutMs', '"2s"', '0 (do not wait']],
    ['closeTimeoutMs above a minute', { closeTimeoutMs: 60_001 }, ['closeTimeoutMs', '60001', '60000']],
    ['utf8Bom not a boolean', { utf8Bom: 'yes' }, ['utf8Bom', '"yes"', 'true or false']],
    ['a misspelt option', { facilty: 'local0' }, ["'facilty'", "did you mean 'facility'?"]],
    [
      'a header too long for maxMessageBytes',
      {
        hostname: 'h'.repeat(255),
        structuredData: { 'x@32473': { a: 'v'.repeat(200) } },
        maxMessageBytes: 480,
      },
      ['maxMessageBytes', '480', 'header'],
    ],
  ];
  for (const [name, raw, mentions] of cases) {
    test(name, () => {
      assert.throws(
        () => validateSyslogOptions(raw),
        (error: unknown) => {
          assert.ok(error instanceof SluiceConfigError, `SluiceConfigError, got ${String(error)}`);
          for (const text of mentions) {
            assert.ok(error.message.includes(text), `${JSON.stringify(error.message)} mentions ${text}`);
          }
          return true;
        },
      );
    });
  }

  test('not an object', () => {
    assert.throws(() => validateSyslogOptions('udp://localhost'), SluiceConfigError);
  });

  test('defaults: udp to 127.0.0.1:514, facility user, this process as PROCID, no MSGID or SD', () => {
    const options = validateSyslogOptions({ type: 'syslog' });
    assert.equal(options.protocol, 'udp');
    assert.equal(options.host, '127.0.0.1');
    assert.equal(options.port, 514);
    assert.equal(options.facility, 1);
    assert.equal(options.procid, String(process.pid));
    assert.equal(options.msgid, undefined);
    assert.equal(options.structuredData, undefined);
    assert.match(options.appName, /^[\x21-\x7e]{1,48}$/);
    assert.match(options.hostname, /^[\x21-\x7e]{1,255}$|^-$/);
    assert.deepEqual(structuredClone(options), options, 'plain data: crosses to the worker as is');
  });
});

/** The octet-counted frame of a received message: `LEN SP MSG`. */
function frameBytes(message: ReceivedMessage): number {
  const length = Buffer.byteLength(message.raw);
  return String(length).length + 1 + length;
}

/** TIMESTAMP is taken when the destination writes (ms resolution): between the test's clock readings. */
function assertTimestampBetween(message: ReceivedMessage, startedMs: number, endedMs: number): void {
  const at = Date.parse(message.timestamp);
  assert.ok(at >= startedMs - 1 && at <= endedMs + 1, `${message.timestamp} within the test`);
  assert.match(message.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3,6}(Z|[+-]\d\d:\d\d)$/);
}
