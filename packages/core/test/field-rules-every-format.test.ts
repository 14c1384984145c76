import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../dist/esm/index.js';

// The rules for a record's fields (enumeration, throwing getters, serializers, omission, redaction,
// limits) are one walker's: json and logfmt must agree on every one of them.

function collect(format: 'json' | 'logfmt', options: Partial<Parameters<typeof createLogger>[0]> = {}) {
  const lines: string[] = [];
  const log = createLogger({
    base: null,
    timestamp: false,
    format,
    ...options,
    destination: { write: (l: string) => lines.push(l) },
  });
  return { log, lines };
}

function withThrowingGetter(key: string): object {
  const fields = { before: 1 };
  Object.defineProperty(fields, key, {
    enumerable: true,
    get() {
      throw new Error('getter failed');
    },
  });
  return fields;
}

test('a throwing getter under a serializer is marked in json and in logfmt, never passed to the serializer', () => {
  const seen: unknown[] = [];
  const serializers = {
    user: (user: { id: number }) => {
      seen.push(user);
      return user.id;
    },
  };
  const json = collect('json', { serializers });
  json.log.info(withThrowingGetter('user'), 'm');
  assert.equal(JSON.parse(json.lines[0]).user, '[Unserializable: Error: getter failed]');

  const logfmt = collect('logfmt', { serializers });
  logfmt.log.info(withThrowingGetter('user'), 'm');
  assert.equal(logfmt.lines[0], 'level=info msg=m before=1 user="[Unserializable: Error: getter failed]"\n');
  assert.deepEqual(seen, []);
});

test('json and logfmt write the same fields for records of a repeated shape, a changed shape and a cut one', () => {
  const json = collect('json', { limits: { objectKeys: 3 }, redact: ['secret'] });
  const logfmt = collect('logfmt', { limits: { objectKeys: 3 }, redact: ['secret'] });
  const records: object[] = [];
  for (let i = 0; i < 200; i++) records.push({ a: i, b: 'same', c: true });
  records.push({ a: 1, b: undefined, c: () => 1 });
  records.push({ a: 1, secret: 'x', c: null });
  records.push({ a: 1, b: 2, c: 3, d: 4, e: 5 });
  records.push({ a: { nested: [1, 'two'] }, b: Number.NaN, c: 10n });
  for (const fields of records) {
    json.log.info(fields, 'm');
    logfmt.log.info(fields, 'm');
  }
  assert.equal(json.lines.length, records.length);
  assert.equal(logfmt.lines.length, records.length);
  assert.equal(logfmt.lines[199], 'level=info msg=m a=199 b=same c=true\n');
  assert.equal(json.lines[199], '{"level":30,"a":199,"b":"same","c":true,"msg":"m"}\n');
  assert.equal(logfmt.lines[200], 'level=info msg=m a=1\n');
  assert.equal(json.lines[200], '{"level":30,"a":1,"msg":"m"}\n');
  assert.equal(logfmt.lines[201], 'level=info msg=m a=1 secret=[REDACTED] c=\n');
  assert.equal(json.lines[201], '{"level":30,"a":1,"secret":"[REDACTED]","c":null,"msg":"m"}\n');
  assert.equal(logfmt.lines[202], 'level=info msg=m a=1 b=2 c=3 ...="[2 more keys]"\n');
  assert.equal(json.lines[202], '{"level":30,"a":1,"b":2,"c":3,"...":"[2 more keys]","msg":"m"}\n');
  assert.equal(logfmt.lines[203], 'level=info msg=m a="{\\"nested\\":[1,\\"two\\"]}" b= c=10\n');
  assert.equal(json.lines[203], '{"level":30,"a":{"nested":[1,"two"]},"b":null,"c":"10","msg":"m"}\n');
});

test('hostile keys in a shape compiled for json and logfmt stay data: each line is what a fresh logger writes', () => {
  const keys = [
    "'); globalThis.injected = 1; ('",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a key that reads as a template placeholder is the point
    '`${globalThis.injected = 2}`',
    '\u2028x\u2029',
    'a"b\\c',
    'k e=y',
    '',
    '__proto__x',
  ];
  const fields: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    fields[key] = i % 2 === 0 ? i : `v${i}`;
  });
  for (const format of ['json', 'logfmt'] as const) {
    const hot = collect(format);
    for (let i = 0; i < 300; i++) hot.log.info(fields, 'm');
    const fresh = collect(format);
    fresh.log.info(fields, 'm');
    assert.equal(hot.lines.length, 300);
    for (const line of hot.lines) assert.equal(line, fresh.lines[0]);
  }
  assert.equal((globalThis as { injected?: unknown }).injected, undefined);
});
