import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { FACILITIES, priorityOf, severityOf } from '../dist/esm/destination/syslog/facility.js';
import { frameLength, writeFrame } from '../dist/esm/destination/syslog/octet-counting.js';
import { type HeaderFields, Rfc5424Encoder } from '../dist/esm/destination/syslog/rfc5424-encoder.js';
import { encodeStructuredData, escapeParamValue } from '../dist/esm/destination/syslog/structured-data.js';

// The RFC 5424 encoder byte for byte, without a network: header, PRI table, SD escaping, MSG escaping
// and truncation, and RFC 6587 octet-counting frames.

const AT = Date.UTC(2024, 0, 2, 3, 4, 5, 6); // 2024-01-02T03:04:05.006Z

const FIELDS: HeaderFields = {
  facility: FACILITIES.local0,
  hostname: 'host.example',
  appName: 'app',
  procid: '42',
  msgid: 'ID7',
  structuredData: { 'meta@32473': { env: 'a"b\\c]d' }, origin: { ip: '10.0.0.1' } },
  utf8Bom: false,
  maxMessageBytes: 8192,
};

/** Encodes `text` (a record line) as the destination does and returns the message as bytes. */
function encode(fields: HeaderFields, text: string | Uint8Array, level = 30, ms = AT): Buffer {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const encoder = new Rfc5424Encoder(fields);
  const out = Buffer.alloc(encoder.maxLength(bytes.length) + 8, 0xee);
  const end = encoder.encode(out, 3, bytes, 0, bytes.length, level, ms);
  assert.ok(end - 3 <= encoder.maxLength(bytes.length), 'stays within the room maxLength promised');
  assert.equal(out[end], 0xee, 'writes nothing past the end it returns');
  return out.subarray(3, end);
}

function withTimeZone<T>(zone: string, action: () => T): T {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  try {
    return action();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}

describe('RFC 5424 header', () => {
  test('exact bytes: PRI, VERSION, TIMESTAMP, HOSTNAME, APP-NAME, PROCID, MSGID, SD, MSG without its newline', () => {
    const message = withTimeZone('UTC', () => encode(FIELDS, '{"level":30,"msg":"hi"}\n'));
    assert.equal(
      message.toString('utf8'),
      '<134>1 2024-01-02T03:04:05.006Z host.example app 42 ID7 ' +
        '[meta@32473 env="a\\"b\\\\c\\]d"][origin ip="10.0.0.1"] {"level":30,"msg":"hi"}',
    );
  });

  test('absent MSGID and STRUCTURED-DATA are the NILVALUE "-"', () => {
    const fields = { ...FIELDS, msgid: undefined, structuredData: undefined };
    const message = withTimeZone('UTC', () => encode(fields, 'text\n', 50));
    assert.equal(message.toString('utf8'), '<131>1 2024-01-02T03:04:05.006Z host.example app 42 - - text');
  });

  test('TIMESTAMP carries the local UTC offset (+05:30, -05:00), milliseconds always three digits', () => {
    assert.match(
      withTimeZone('Asia/Kolkata', () => encode(FIELDS, 'x\n')).toString('utf8'),
      / 2024-01-02T08:34:05\.006\+05:30 /,
    );
    assert.match(
      withTimeZone('America/New_York', () => encode(FIELDS, 'x\n', 30, AT + 994)).toString('utf8'),
      / 2024-01-01T22:04:06\.000-05:00 /,
    );
  });

  test('an empty record is a message with no MSG and no trailing space', () => {
    const message = withTimeZone('UTC', () => encode(FIELDS, '\n'));
    assert.ok(message.toString('utf8').endsWith('[origin ip="10.0.0.1"]'));
  });

  test('utf8Bom: MSG starts with EF BB BF; off by default', () => {
    const withBom = encode({ ...FIELDS, utf8Bom: true }, 'żółw\n');
    const msg = Buffer.from(' żółw', 'utf8');
    assert.deepEqual(
      [...withBom.subarray(withBom.length - msg.length - 3)],
      [0x20, 0xef, 0xbb, 0xbf, ...msg.subarray(1)],
    );
    assert.ok(encode(FIELDS, 'żółw\n').subarray(-msg.length).equals(msg));
  });

  test('non-ASCII MSG bytes pass through unchanged', () => {
    const text = 'żółw 🐢 日本';
    assert.ok(encode(FIELDS, `${text}\n`).toString('utf8').endsWith(` ${text}`));
  });
});

describe('PRI = facility * 8 + severity', () => {
  const severities: [level: number, severity: number][] = [
    [0, 7],
    [10, 7],
    [19, 7],
    [20, 7],
    [29, 7],
    [30, 6],
    [39, 6],
    [40, 4],
    [49, 4],
    [50, 3],
    [59, 3],
    [60, 2],
    [100, 2],
  ];
  test('pino levels map to severities by range', () => {
    for (const [level, severity] of severities) assert.equal(severityOf(level), severity, `level ${level}`);
  });

  test('every facility and severity gives its PRI in the header', () => {
    for (let facility = 0; facility <= 23; facility++) {
      for (const [level, severity] of severities) {
        const message = encode({ ...FIELDS, facility }, 'x\n', level).toString('latin1');
        assert.ok(
          message.startsWith(`<${facility * 8 + severity}>1 `),
          `${facility}/${level}: ${message.slice(0, 8)}`,
        );
      }
    }
    assert.equal(priorityOf(FACILITIES.local7, 7), 191);
    assert.equal(priorityOf(FACILITIES.kern, 2), 2);
  });

  test('facility names are RFC 5424 numbers', () => {
    assert.equal(FACILITIES.kern, 0);
    assert.equal(FACILITIES.user, 1);
    assert.equal(FACILITIES.authpriv, 10);
    assert.equal(FACILITIES.local0, 16);
    assert.equal(FACILITIES.local7, 23);
  });
});

describe('STRUCTURED-DATA', () => {
  test('PARAM-VALUE escapes ", \\ and ] with a backslash and nothing else', () => {
    assert.equal(escapeParamValue('plain żółw = [x]'), 'plain żółw = [x\\]');
    assert.equal(escapeParamValue('"\\]'), '\\"\\\\\\]');
  });

  test('elements in order, numbers and booleans as text, an element without params, none as "-"', () => {
    assert.equal(
      encodeStructuredData({ 'a@1': { n: 7, ok: true }, 'b@2.3': {} }),
      '[a@1 n="7" ok="true"][b@2.3]',
    );
    assert.equal(encodeStructuredData(undefined), '-');
    assert.equal(encodeStructuredData({}), '-');
  });
});

describe('MSG', () => {
  test('control characters become #ooo, as rsyslog escapes them on receipt', () => {
    const message = encode(FIELDS, 'a\nb\r\u0000\t\u001b\u007fz\n').toString('utf8');
    assert.ok(message.endsWith(' a#012b#015#000#011#033#177z'), message);
  });

  test('never longer than maxMessageBytes: cut at a character or escape boundary and marked', () => {
    const marker = (bytes: number) => `…[truncated from ${bytes} bytes]`;
    const fields = { ...FIELDS, maxMessageBytes: 480 };
    const headerBytes = encode(fields, '').length + 1; // + the SP before MSG
    const room = 480 - headerBytes;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 8 }),
            fc.constantFrom('\n', '\u0000', '\t', '🐢', '日'),
          ),
          { maxLength: 200 },
        ),
        (parts) => {
          const text = parts.join('');
          const bytes = Buffer.from(text, 'utf8');
          const message = encode(fields, `${text}\n`);
          assert.ok(message.length <= 480, `${message.length} <= 480`);
          assert.ok(!message.some((byte) => byte < 0x20 || byte === 0x7f), 'no control byte in the message');
          const msg = new TextDecoder('utf-8', { fatal: true }).decode(message.subarray(headerBytes));
          // The escaped record, unit by unit: a character, or the #ooo of a control character.
          const units = Array.from(text, (char) =>
            /[\x00-\x1f\x7f]/.test(char) ? `#${char.charCodeAt(0).toString(8).padStart(3, '0')}` : char,
          );
          const whole = units.join('');
          if (Buffer.byteLength(whole) <= room) {
            assert.equal(msg, whole);
            return;
          }
          const tail = marker(bytes.length);
          assert.ok(msg.endsWith(tail), 'marked');
          const kept = msg.slice(0, -tail.length);
          let keptUnits = 0;
          let joined = '';
          while (joined.length < kept.length) joined += units[keptUnits++];
          assert.equal(joined, kept, 'kept whole units only');
          const nextUnit = Buffer.byteLength(units[keptUnits]);
          assert.ok(
            Buffer.byteLength(kept) + nextUnit + Buffer.byteLength(tail) > room,
            'kept all that fits',
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('RFC 6587 octet counting', () => {
  test('a frame is MSG-LEN SP SYSLOG-MSG', () => {
    for (const text of ['a', 'abcdefghi', 'abcdefghij', 'żółw 🐢', 'x'.repeat(12345)]) {
      const message = Buffer.from(text, 'utf8');
      const out = Buffer.alloc(frameLength(message.length));
      assert.equal(writeFrame(out, 0, message, message.length), out.length);
      assert.equal(out.toString('utf8'), `${message.length} ${text}`);
    }
  });
});
