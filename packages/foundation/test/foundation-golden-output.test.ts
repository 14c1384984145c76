import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  clearEmojiSets,
  getLogger,
  type LoggingConfig,
  registerEmojiSet,
  shutdownTelemetry,
  timedBlock,
  withContext,
} from '../dist/esm/index.js';
import { captureSetup } from './support/foundation-capture.js';

// Whole lines of every foundation format, compared byte for byte with output captured once from the
// code as it stood. `SLUICE_WRITE_GOLDEN=1` rewrites the file: only for a change of output that is meant.
const GOLDEN_FILE = fileURLToPath(new URL('../test/fixtures/foundation-golden-output.json', import.meta.url));

// Timestamps are local time: one zone for every machine that runs this.
process.env.TZ = 'UTC';

/** 2026-11-26 13:06:17.053421 UTC: fractional milliseconds fill the microsecond digits. */
const AT = Date.UTC(2026, 10, 26, 13, 6, 17, 53) + 0.421;

/** An Error whose stack does not depend on where the code runs from. */
function fixedError(message: string, Kind: ErrorConstructor = Error): Error {
  const error = new Kind(message);
  error.stack = `${error.name}: ${message}\n    at handler (app.js:10:5)\n    at main (app.js:20:1)`;
  return error;
}

/** Every level method, alias and the exception method, with fields of each scalar kind. */
function everyLevel(): void {
  const log = getLogger('levels');
  log.trace('trace message', { n: 1 });
  log.debug('debug message', { f: 1.5 });
  log.info('info message', { s: 'text', b: true });
  log.warning('warning message', { nil: null });
  log.warn('warn alias');
  log.error('error message', { big: 12345678901234567890n });
  log.critical('critical message');
  log.fatal('fatal alias');
  log.exception('exception message', fixedError('boom', TypeError), { request: 'r-1' });
}

/** Values that need escaping, quoting, nesting or marking. */
function awkwardValues(): void {
  const log = getLogger('values');
  const cycle: Record<string, unknown> = { name: 'loop' };
  cycle.self = cycle;
  log.info('nested', {
    user: { id: 7, roles: ['admin', 'dev'], meta: { deep: { deeper: 'yes' } } },
    list: [1, 'two', null, { three: 3 }],
    empty: {},
    none: [],
  });
  log.info('strings', {
    spaced: 'has spaces',
    quoted: 'say "hi"',
    newline: 'a\nb\r\nc',
    ansi: '\u001b[31mred\u001b[0m',
    unicode: 'héllo wörld ✓ 🎉',
    lone: 'x\ud800y',
    eq: 'a=b',
    blank: '',
  });
  log.info('numbers', { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, neg: -0.5, exp: 1e21, int: -42 });
  log.info('odd values', {
    undef: undefined,
    fn: () => 1,
    sym: Symbol('s'),
    date: new Date(AT),
    err: fixedError('inner'),
    cycle,
  });
  log.info('forged keys', {
    event: 'forged',
    level: 'critical',
    timestamp: 'then',
    logger_name: 'other',
    'key with space': 1,
  });
  log.info('message\nwith newline and a long text that goes past the padding', { k: 'v' });
  log.info('no fields');
}

/** The DAS prefix and logger-name emoji, with and without the fields that select them. */
function emojiCalls(): void {
  getLogger('das').info('DAS message', { domain: 'auth', action: 'login', status: 'success' });
  getLogger('sluice.logger.reader').warning('Log read warning', {
    domain: 'file',
    action: 'read',
    status: 'warning',
    path: '/var/log/app.log',
  });
  getLogger('unknown').error('Task failed', { domain: 'task', action: 'execute', status: 'failure' });
  getLogger('test.unit').info('partial DAS', { domain: 'database' });
  getLogger('simple').debug('no DAS fields', { k: 1 });
  getLogger('custom.name').info('mixed case DAS', { domain: 'AUTH', action: 'Nope', status: 'SUCCESS' });
}

function withEmojiSet(run: () => void): void {
  registerEmojiSet({
    name: 'llm',
    fields: [
      { field: 'llm.provider', emojis: { openai: '🤖', anthropic: '📚' }, priority: 40 },
      { field: 'llm.model', emojis: { 'gpt-4o': '💡' }, defaultEmoji: '🧠', priority: 20 },
    ],
  });
  try {
    run();
  } finally {
    clearEmojiSets();
  }
}

function emojiSetCalls(): void {
  getLogger('llm').info('LLM generated response', {
    'llm.model': 'gpt-4o',
    'llm.provider': 'openai',
    tokens: 512,
  });
  getLogger('llm').info('LLM other model', { 'llm.model': 'other', 'llm.provider': 'anthropic' });
}

const NO_EMOJI = { dasEmojiPrefixEnabled: false, loggerNameEmojiPrefixEnabled: false } as const;

type Scenario = () => string[] | Promise<string[]>;

/** Sets up with a fixed clock and no environment, runs `calls`, returns the lines written. */
function linesOf(
  logging: Readonly<Partial<LoggingConfig>>,
  calls: () => void,
  extra: { serviceName?: string; env?: Record<string, string> } = {},
): string[] {
  const out = captureSetup({ clock: () => AT, ...extra, logging: { traceContext: false, ...logging } });
  calls();
  return out.records();
}

const KEY_VALUE = { consoleFormatter: 'key_value', defaultLevel: 'TRACE' } as const;
const JSON_FORMAT = { consoleFormatter: 'json', defaultLevel: 'TRACE' } as const;

const SCENARIOS: Record<string, Scenario> = {
  'key_value, no emoji: every level': () => linesOf({ ...KEY_VALUE, ...NO_EMOJI }, everyLevel),
  'key_value, no emoji: values': () => linesOf({ ...KEY_VALUE, ...NO_EMOJI }, awkwardValues),
  'key_value, no emoji, no timestamp, service name': () =>
    linesOf({ ...KEY_VALUE, ...NO_EMOJI, omitTimestamp: true }, everyLevel, { serviceName: 'perf' }),
  'key_value with emoji: every level': () => linesOf(KEY_VALUE, everyLevel),
  'key_value with emoji: DAS and logger names': () => linesOf(KEY_VALUE, emojiCalls),
  'key_value with emoji: an emoji set': () => linesOfEmojiSet(KEY_VALUE),
  'key_value with emoji: custom logger-name emoji': () =>
    linesOf({ ...KEY_VALUE, loggerNameEmojis: { custom: '🧩', default: '·' } }, emojiCalls),
  'key_value, colours, no emoji: every level': () =>
    linesOf({ ...KEY_VALUE, ...NO_EMOJI }, everyLevel, { env: { FORCE_COLOR: '1' } }),
  'key_value, colours, no emoji: values': () =>
    linesOf({ ...KEY_VALUE, ...NO_EMOJI }, awkwardValues, { env: { FORCE_COLOR: '1' } }),
  'key_value, colours with emoji': () => linesOf(KEY_VALUE, emojiCalls, { env: { FORCE_COLOR: '1' } }),
  'json, no emoji: every level': () => linesOf({ ...JSON_FORMAT, ...NO_EMOJI }, everyLevel),
  'json, no emoji: values': () => linesOf({ ...JSON_FORMAT, ...NO_EMOJI }, awkwardValues),
  'json, no timestamp, service name': () =>
    linesOf({ ...JSON_FORMAT, ...NO_EMOJI, omitTimestamp: true }, everyLevel, { serviceName: 'perf' }),
  'json with emoji: every level': () => linesOf(JSON_FORMAT, everyLevel),
  'json with emoji: DAS and logger names': () => linesOf(JSON_FORMAT, emojiCalls),
  'json with emoji: an emoji set': () => linesOfEmojiSet(JSON_FORMAT),
  'json ignores FORCE_COLOR': () => linesOf(JSON_FORMAT, emojiCalls, { env: { FORCE_COLOR: '1' } }),
  'module levels, key_value': () => linesOf({ ...KEY_VALUE, ...moduleLevels() }, moduleLevelCalls),
  'module levels, json': () => linesOf({ ...JSON_FORMAT, ...moduleLevels() }, moduleLevelCalls),
  'context and bound fields, key_value': () => linesOf({ ...KEY_VALUE, ...NO_EMOJI }, contextCalls),
  'context and bound fields, json': () => linesOf({ ...JSON_FORMAT, ...NO_EMOJI }, contextCalls),
  'redaction, key_value': () => linesOf({ ...KEY_VALUE, ...NO_EMOJI, ...redaction() }, redactionCalls),
  'redaction, json': () => linesOf({ ...JSON_FORMAT, ...NO_EMOJI, ...redaction() }, redactionCalls),
  'rate limit and its report, key_value': () => rateLimited(KEY_VALUE),
  'rate limit and its report, json': () => rateLimited(JSON_FORMAT),
  'sampling, key_value': () => sampled(KEY_VALUE),
  'timedBlock, key_value': () => timedBlocks(KEY_VALUE),
  'timedBlock, json': () => timedBlocks(JSON_FORMAT),
};

function linesOfEmojiSet(format: Readonly<Partial<LoggingConfig>>): string[] {
  let lines: string[] = [];
  withEmojiSet(() => {
    lines = linesOf(format, emojiSetCalls);
  });
  return lines;
}

function moduleLevels(): Partial<LoggingConfig> {
  return {
    ...NO_EMOJI,
    defaultLevel: 'WARNING',
    moduleLevels: { app: 'ERROR', 'app.db': 'debug', 'app.db.pool': 'CRITICAL', noisy: 'TRACE' },
  };
}

function moduleLevelCalls(): void {
  for (const name of [
    'app',
    'app.http',
    'app.db',
    'app.db.query',
    'app.db.pool',
    'apple',
    'noisy',
    'other',
  ]) {
    const log = getLogger(name);
    log.trace('trace', { name });
    log.debug('debug', { name });
    log.info('info', { name });
    log.warning('warning', { name });
    log.error('error', { name });
    log.critical('critical', { name });
  }
}

function contextCalls(): void {
  const log = getLogger('ctx');
  const bound = log.bind({ request_id: 'r-1', user: 'ada' });
  bound.info('bound only');
  bound.bind({ step: 2 }).info('bound twice', { user: 'call wins' });
  withContext({ trace: 't-1', user: 'context' }, () => {
    log.info('in context');
    withContext({ span: 's-1', trace: 't-2' }, () => {
      log.info('nested context', { span: 'call wins' });
      bound.warning('bound in context');
    });
  });
  log.info('after context');
}

function redaction(): Partial<LoggingConfig> {
  return { redactKeys: ['session_cookie'], redactPatterns: true };
}

function redactionCalls(): void {
  const log = getLogger('secrets');
  log.info('login', {
    user: 'ada',
    password: 'hunter2',
    token: 'abc',
    Authorization: 'Bearer xyz',
    session_cookie: 'c=1',
    nested: { api_key: 'k', secret: { deep: 1 }, safe: 'ok' },
    list: [{ password: 'p' }, 'password=inline'],
  });
  log.info('masked text', { note: 'retry with password=hunter2 and token: abc123', plain: 'nothing here' });
  log.info('password=in the message');
  log.bind({ api_key: 'bound' }).info('bound secret');
}

async function rateLimited(format: Readonly<Partial<LoggingConfig>>): Promise<string[]> {
  let now = AT;
  const out = captureSetup({
    clock: () => now,
    logging: {
      ...format,
      ...NO_EMOJI,
      traceContext: false,
      rateLimit: {
        perLogger: { capacity: 2, refillPerSecond: 1 },
        global: { capacity: 5, refillPerSecond: 0 },
        reportIntervalSeconds: 5,
      },
    },
  });
  const a = getLogger('limited.a');
  const b = getLogger('limited.b');
  for (let i = 0; i < 4; i++) a.info('a', { i });
  for (let i = 0; i < 4; i++) b.info('b', { i });
  now += 1000;
  a.info('a after refill');
  now += 5000;
  a.info('a after the report interval');
  b.info('b at the end');
  await shutdownTelemetry();
  return out.records();
}

function sampled(format: Readonly<Partial<LoggingConfig>>): string[] {
  let now = AT;
  const out = captureSetup({
    clock: () => now,
    logging: { ...format, ...NO_EMOJI, traceContext: false, sampling: { firstPerSecond: 2, thereafter: 3 } },
  });
  const log = getLogger('sampled');
  for (let i = 0; i < 8; i++) log.info('repeated', { i });
  log.info('other');
  now += 1000;
  log.info('repeated', { i: 'next second' });
  return out.records();
}

async function timedBlocks(format: Readonly<Partial<LoggingConfig>>): Promise<string[]> {
  const out = captureSetup({ clock: () => AT, logging: { ...format, ...NO_EMOJI, traceContext: false } });
  const log = getLogger('timed');
  timedBlock(
    log,
    'sync work',
    (ctx) => {
      ctx.rows = 3;
    },
    { job: 'j-1' },
  );
  await timedBlock(log, 'async work', async (ctx) => {
    ctx.cached = true;
  });
  try {
    timedBlock(log, 'failing work', () => {
      throw fixedError('no luck', RangeError);
    });
  } catch {
    // Rethrown after its record, as intended.
  }
  await timedBlock(log, 'async failure', async () => {
    throw 'a string';
  }).catch(() => {});
  // The duration is the one value that cannot be fixed: every other byte is compared.
  return out.records().map((line) => line.replace(/("?duration_seconds"?[=:])[0-9.e-]+/, '$1<seconds>'));
}

const scenarioNames = Object.keys(SCENARIOS);

if (process.env.SLUICE_WRITE_GOLDEN === '1') {
  test('writes the golden output', async () => {
    const golden: Record<string, string[]> = {};
    for (const name of scenarioNames) golden[name] = await SCENARIOS[name]();
    writeFileSync(GOLDEN_FILE, `${JSON.stringify(golden, null, 2)}\n`);
  });
} else {
  const golden = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, string[]>;
  test('the golden file and the scenarios name the same cases', () => {
    assert.deepEqual(Object.keys(golden), scenarioNames);
  });
  for (const name of scenarioNames) {
    test(`whole lines as before: ${name}`, async () => {
      assert.deepEqual(await SCENARIOS[name](), golden[name]);
    });
  }
}
