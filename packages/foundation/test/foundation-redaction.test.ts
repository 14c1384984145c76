import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLogger } from '../dist/esm/index.js';
import { captureSetup, PLAIN_JSON, PLAIN_KEY_VALUE } from './support/foundation-capture.js';

test('redaction: sensitive keys at the top level are [REDACTED] (the library missed password= there)', () => {
  const out = captureSetup({ logging: PLAIN_KEY_VALUE });
  getLogger('auth').info('login', {
    user: 'ann',
    password: 'hunter2',
    Authorization: 'Bearer abc',
    API_KEY: 'k',
  });
  assert.equal(
    out.records()[0],
    '[info     ] login                          API_KEY=[REDACTED] Authorization=[REDACTED] password=[REDACTED] user=ann',
  );
});

test('redaction: any depth, any case, arrays included; json too', () => {
  const out = captureSetup({ logging: PLAIN_JSON });
  getLogger('http').info('request', {
    headers: { Cookie: 'sid=1', 'X-Api-Key': 'k', accept: 'json' },
    sessions: [{ access_token: 't1', id: 1 }],
    credentials: { user: 'u' },
    secret: 's',
  });
  const record = out.json()[0];
  assert.deepEqual(record.headers, { Cookie: '[REDACTED]', 'X-Api-Key': '[REDACTED]', accept: 'json' });
  assert.deepEqual(record.sessions, [{ access_token: '[REDACTED]', id: 1 }]);
  assert.equal(record.credentials, '[REDACTED]');
  assert.equal(record.secret, '[REDACTED]');
  assert.doesNotMatch(out.lines[0], /sid=1|t1|"k"/);
});

test('redaction: extra keys from redactKeys; the caller’s object is never modified', () => {
  const out = captureSetup({ logging: { ...PLAIN_KEY_VALUE, redactKeys: ['ssn'] } });
  const fields = { SSN: '123', password: 'p' };
  getLogger('pii').info('m', fields);
  assert.equal(
    out.records()[0],
    '[info     ] m                              SSN=[REDACTED] password=[REDACTED]',
  );
  assert.deepEqual(fields, { SSN: '123', password: 'p' });
});

test('pattern masking inside strings is off by default and opt-in', () => {
  const plain = captureSetup({ logging: PLAIN_KEY_VALUE });
  getLogger('text').info('token refreshed ok', { note: 'password=hunter2' });
  assert.equal(plain.records()[0], "[info     ] token refreshed ok             note='password=hunter2'");

  const masked = captureSetup({ logging: { ...PLAIN_KEY_VALUE, redactPatterns: true } });
  getLogger('text').info('login with password=hunter2', {
    note: 'token: abc123 and Bearer eyJhbGc.x',
    nested: { text: 'api_key="k-1"' },
    fine: 'token refreshed ok',
  });
  assert.equal(
    masked.records()[0],
    "[info     ] login with password=[REDACTED] fine='token refreshed ok' " +
      'nested={"text":"api_key=[REDACTED]"} ' +
      "note='token: [REDACTED] and Bearer [REDACTED]'",
  );
});
