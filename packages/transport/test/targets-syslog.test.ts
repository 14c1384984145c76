import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '@sluice/core';
import { createTransport } from '../dist/esm/index.js';
import { readRecords, tempDir } from './support/records.js';
import { findRsyslogd, RsyslogServer } from './support/rsyslog.js';

// A syslog target is one more target of a transport: records reach a real rsyslog through the sink
// worker, routed by level, while a file target of the same transport gets every record.

const rsyslogd = findRsyslogd();
const missing =
  rsyslogd === null ? 'rsyslogd is not installed (scripts/ci-system-deps.sh installs it)' : false;
if (missing !== false && process.env.CI === 'true') {
  test('rsyslogd is installed (CI installs it with scripts/ci-system-deps.sh)', () => assert.fail(missing));
}

describe('a transport with a syslog target and a file target', { skip: missing }, () => {
  let server: RsyslogServer;
  const dir = tempDir('targets-syslog');
  before(async () => {
    server = await RsyslogServer.start(rsyslogd as string, dir);
  });
  after(async () => {
    await server?.stop();
  });

  for (const protocol of ['udp', 'tcp'] as const) {
    test(`${protocol}: warn and above reach rsyslog intact (deferred events included), the file gets all`, async () => {
      const file = join(dir, `${protocol}.log`);
      const tag = randomUUID();
      const transport = createTransport({
        targets: [
          { dest: file },
          {
            dest: {
              type: 'syslog',
              protocol,
              host: '127.0.0.1',
              port: protocol === 'udp' ? server.udpPort : server.tcpPort,
              facility: 'local0',
              appName: 'sluice-e2e',
            },
            level: 'warn',
          },
        ],
      });
      await transport.ready;
      const log = createLogger({ transport, base: null });
      const event = log.event('event żółw 🐢', { seq: 'integer', tag: 'string' });
      const N = 600;
      for (let seq = 0; seq < N; seq++) {
        if (seq % 3 === 0) log.warn({ seq, tag }, 'warn 日本');
        else if (seq % 3 === 1) event.error(seq, tag);
        else log.info({ seq, tag }, 'info only in the file');
      }
      await transport.flush();
      const received = await server.waitForMessages(tag, (2 * N) / 3);
      await transport.close();

      const inFile = readRecords(file).filter((record) => record.tag === tag);
      assert.deepEqual(
        inFile.map((record) => record.seq),
        Array.from({ length: N }, (_, seq) => seq),
      );
      const expected = inFile.filter((record) => record.level >= 40);
      assert.equal(received.length, expected.length, 'each warn/error record once');
      received.forEach((message, i) => {
        assert.deepEqual(JSON.parse(message.msg), expected[i], 'the same record as in the file, intact');
        assert.equal(message.severity, expected[i].level === 40 ? 4 : 3);
        assert.equal(message.appName, 'sluice-e2e');
        assert.equal(message.facility, 16);
      });
    });
  }
});
