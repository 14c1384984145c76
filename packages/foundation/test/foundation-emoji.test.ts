import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SluiceConfigError } from '@sluice/core';
import { clearEmojiSets, getLogger, registerEmojiSet } from '../dist/esm/index.js';
import { captureSetup } from './support/foundation-capture.js';

const KV = Object.freeze({ omitTimestamp: true });

test('DAS: domain=auth, action=login, status=success renders [🔑][➡️][✅] DAS message', () => {
  const out = captureSetup({ logging: { ...KV, loggerNameEmojiPrefixEnabled: false } });
  getLogger('das').info('DAS message', { domain: 'auth', action: 'login', status: 'success' });
  assert.equal(out.records()[0], '[info     ] [🔑][➡️][✅] DAS message');
});

test('DAS with the logger-name emoji: [📄][📖][⚠️] 📝 Log read warning', () => {
  const out = captureSetup({ logging: KV });
  getLogger('sluice.logger.reader').warning('Log read warning', {
    domain: 'file',
    action: 'read',
    status: 'warning',
  });
  assert.equal(out.records()[0], '[warning  ] [📄][📖][⚠️] 📝 Log read warning');
});

test('DAS with the logger-name emoji: [🔄][▶️][❌] ❓ Task failed', () => {
  const out = captureSetup({ logging: KV });
  getLogger('unknown').error('Task failed', { domain: 'task', action: 'execute', status: 'failure' });
  assert.equal(out.records()[0], '[error    ] [🔄][▶️][❌] ❓ Task failed');
});

test('emoji set: llm.* fields render [🤖][✍️][💡][👍] LLM generated response', () => {
  captureSetup({ logging: { ...KV, loggerNameEmojiPrefixEnabled: false } });
  registerEmojiSet({
    name: 'llm',
    fields: [
      { field: 'llm.provider', emojis: { openai: '🤖', anthropic: '📚' }, priority: 40 },
      { field: 'llm.task', emojis: { generation: '✍️', embedding: '🔗' }, priority: 30 },
      { field: 'llm.model', emojis: { 'gpt-4o': '💡' }, defaultEmoji: '🧠', priority: 20 },
      { field: 'llm.outcome', emojis: { success: '👍', error: '🔥' }, priority: 10 },
    ],
  });
  const out = captureSetup({ logging: { ...KV, loggerNameEmojiPrefixEnabled: false } });
  getLogger('llm').info('LLM generated response', {
    'llm.outcome': 'success',
    'llm.model': 'gpt-4o',
    'llm.task': 'generation',
    'llm.provider': 'openai',
    tokens: 512,
  });
  assert.equal(out.records()[0], '[info     ] [🤖][✍️][💡][👍] LLM generated response tokens=512');
  clearEmojiSets();
});

test('DAS: fields leave the record, values are looked up lowercase, missing ones take ❓ ❓ ➡️', () => {
  const out = captureSetup({ logging: { ...KV, loggerNameEmojiPrefixEnabled: false } });
  const log = getLogger('das');
  log.info('upper', { domain: 'AUTH', action: 'Login', status: 'SUCCESS', keep: 1 });
  log.info('partial', { status: 'success' });
  log.info('unknown values', { domain: 'nowhere', action: 42 });
  log.info('none');
  assert.deepEqual(out.records(), [
    // 11 code points of markers + "upper" = 16: 14 spaces of padding, then the separator.
    `[info     ] [🔑][➡️][✅] upper${' '.repeat(15)}keep=1`,
    '[info     ] [❓][❓][✅] partial',
    '[info     ] [❓][❓][➡️] unknown values',
    '[info     ] none',
  ]);
});

test('DAS: in json the prefix is part of event and the DAS fields are gone', () => {
  const out = captureSetup({
    logging: { ...KV, consoleFormatter: 'json', loggerNameEmojiPrefixEnabled: false },
  });
  getLogger('das').info('m', { domain: 'database', action: 'query', status: 'cached', rows: 3 });
  assert.equal(out.records()[0], '{"rows":3,"event":"[🗄️][🔍][🎯] m","level":"info","logger_name":"das"}');
});

test('DAS off: domain/action/status stay ordinary fields', () => {
  const out = captureSetup({
    logging: { ...KV, dasEmojiPrefixEnabled: false, loggerNameEmojiPrefixEnabled: false },
  });
  getLogger('das').info('m', { domain: 'auth', status: 'success' });
  assert.equal(out.records()[0], '[info     ] m                              domain=auth status=success');
});

test('logger-name emoji: longest dotted prefix, default 🔹, user table adds and overrides entries', () => {
  const out = captureSetup({
    logging: { ...KV, loggerNameEmojis: { payments: '💳', 'payments.refunds': '↩️', test: '🔬' } },
  });
  getLogger('payments').info('a');
  getLogger('payments.refunds.daily').info('b');
  getLogger('paymentsx').info('c');
  getLogger('test.unit').info('d');
  getLogger('sluice').info('e');
  assert.deepEqual(out.records(), [
    '[info     ] 💳 a',
    '[info     ] ↩️ b',
    '[info     ] 🔹 c',
    '[info     ] 🔬 d',
    '[info     ] ⚙️ e',
  ]);
});

test('emoji sets: sets render by priority after DAS; a value missing from the table takes the default', () => {
  registerEmojiSet({
    name: 'http',
    priority: 1,
    fields: [{ field: 'http.method', emojis: { get: '📥', post: '📤' } }],
  });
  registerEmojiSet({
    name: 'db',
    priority: 5,
    fields: [{ field: 'db.operation', emojis: { select: '🔍' }, defaultEmoji: '🗃️' }],
  });
  const out = captureSetup({ logging: { ...KV, loggerNameEmojiPrefixEnabled: false } });
  const log = getLogger('sets');
  log.info('both', { 'http.method': 'GET', 'db.operation': 'select', domain: 'network' });
  log.info('unknown', { 'db.operation': 'vacuum', 'http.method': 'BREW' });
  assert.deepEqual(out.records(), ['[info     ] [🌐][❓][➡️][🔍][📥] both', '[info     ] [🗃️][❓] unknown']);
  clearEmojiSets();
});

test('emoji sets: unsafe emoji are rejected at registration with SluiceConfigError', () => {
  assert.throws(
    () => registerEmojiSet({ name: 'bad', fields: [{ field: 'x', emojis: { a: '"\n' } }] }),
    SluiceConfigError,
  );
  assert.throws(() => registerEmojiSet({ name: 'empty', fields: [] }), SluiceConfigError);
  assert.throws(
    () => captureSetup({ logging: { loggerNameEmojis: { app: '\u001b[31m' } } }),
    SluiceConfigError,
  );
});
