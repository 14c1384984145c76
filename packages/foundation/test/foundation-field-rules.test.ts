import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLogger } from '../dist/esm/index.js';
import { captureSetup, PLAIN_JSON, PLAIN_KEY_VALUE } from './support/foundation-capture.js';

// foundation's json line writes its fields through core's field walker: the rules of every sluice
// record (own enumerable keys only, limits, redaction, hostile values) hold here too.

/** Logs three records with an own `polluted` key, then one inheriting it from Object.prototype. */
function logOverPollutedPrototype(logging: object): string[] {
  const out = captureSetup({ logging });
  const log = getLogger('inherited');
  const proto = Object.prototype as Record<string, unknown>;
  proto.polluted = 'inherited';
  try {
    for (let i = 0; i < 3; i++) log.info('m', { a: i, polluted: 'own' });
    log.info('m', { a: 9 });
  } finally {
    delete proto.polluted;
  }
  const records = out.records();
  assert.equal(records.length, 4);
  return records;
}

test('json: a key inherited from a polluted Object.prototype is never written, even where a record had it as its own', () => {
  const records = logOverPollutedPrototype(PLAIN_JSON);
  assert.equal(records[2], '{"a":2,"polluted":"own","event":"m","level":"info","logger_name":"inherited"}');
  assert.equal(records[3], '{"a":9,"event":"m","level":"info","logger_name":"inherited"}');
});

test('key_value: a key inherited from a polluted Object.prototype is never written, even where a record had it as its own', () => {
  const records = logOverPollutedPrototype(PLAIN_KEY_VALUE);
  assert.match(records[2], / a=2 polluted=own$/);
  assert.match(records[3], /\] m {30}a=9$/);
});
