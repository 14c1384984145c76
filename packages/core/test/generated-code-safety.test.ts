import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CODE_INJECTION_TEXTS, VERY_LONG_KEY } from '@sluice/test-support/code-injection';
import { objectFrom } from '@sluice/test-support/hostile-arbitraries';
import fc from 'fast-check';
import { compileFixedBytes } from '../dist/esm/buffer/hot-bytes.js';
import { generatedSourceLeft } from '../dist/esm/codegen/generated-code-budget.js';
import { emitterSource } from '../dist/esm/event/compile-event.js';
import { createLogger, RecordBuffer } from '../dist/esm/index.js';
import { FieldKeyTrie, JsonValueWriter } from '../dist/esm/internal.js';
import { resolveValueLimits } from '../dist/esm/value/value-limits.js';
import { fixedClock, RecordCollector } from './support/record-collector.js';
import { ReplayingSink } from './support/replaying-sink.js';

/*
 * Every piece of code core generates at run time (codegen/compile-generated.ts: hot bytes, field
 * shapes, event methods, deferred event methods, their replay) with hostile keys, names and messages:
 * the text comes out as data in a valid record, nothing of it runs, and where compiling is refused
 * (code generation forbidden, the budget spent) every generator writes the same bytes without code.
 */

const HOSTILE = CODE_INJECTION_TEXTS;

declare global {
  var __sluiceCanary: unknown;
}

after(() => {
  assert.equal(globalThis.__sluiceCanary, undefined, 'no user text was ever executed');
});

describe('generated event code treats user text as data', () => {
  test('hostile keys, values and message are written escaped, and nothing runs', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const message = HOSTILE.join(' | ');
    const schema = Object.fromEntries(HOSTILE.map((key) => [key, 'string' as const]));
    const ev = log.event(message, schema);
    ev.info(...HOSTILE);

    assert.equal(globalThis.__sluiceCanary, undefined);
    assert.equal(out.lines.length, 1);
    const line = out.lines[0];
    assert.equal(line.indexOf('\n'), line.length - 1, 'a newline in user text never splits the record');
    assert.ok(!line.includes('\r'), 'no raw carriage return');
    const record = JSON.parse(line) as Record<string, unknown>;
    assert.equal(record.msg, message);
    for (const key of HOSTILE) {
      assert.ok(Object.hasOwn(record, key), `key ${JSON.stringify(key)} is present`);
      assert.equal(record[key], key, `value for ${JSON.stringify(key)} round-trips`);
    }
  });

  test('hostile text in a nested schema’s property names is data too', () => {
    const out = new RecordCollector();
    const log = createLogger({ base: null, timestamp: false, destination: out });
    const properties = Object.fromEntries(HOSTILE.map((key) => [key, { type: 'string' }]));
    const ev = log.event('nested', { obj: { type: 'object', properties } });
    const value = Object.fromEntries(HOSTILE.map((key) => [key, key]));
    ev.info(value);
    assert.equal(globalThis.__sluiceCanary, undefined);
    const record = out.only();
    assert.deepEqual(Object.entries(record.obj as object).sort(), Object.entries(value).sort());
  });

  test('hostile text in logfmt events stays on one line and matches the dynamic call', () => {
    const out = new RecordCollector();
    const log = createLogger({ format: 'logfmt', base: null, clock: fixedClock, destination: out });
    const schema = Object.fromEntries(HOSTILE.map((key) => [key, 'string' as const]));
    log.event(HOSTILE.join(''), schema).info(...HOSTILE);
    log.info(Object.fromEntries(HOSTILE.map((key) => [key, key])), HOSTILE.join(''));
    assert.equal(globalThis.__sluiceCanary, undefined);
    assert.equal(out.lines.length, 2);
    assert.equal(out.lines[0], out.lines[1]);
    assert.equal(out.lines[0].indexOf('\n'), out.lines[0].length - 1);
  });

  test('the generated source contains none of the user text', () => {
    const log = createLogger({ base: { bound: HOSTILE.join('') }, destination: new RecordCollector() });
    const marker = 'SLUICE_USER_TEXT_MARKER';
    const texts = [...HOSTILE, marker, `${marker}${HOSTILE.join('')}`];
    const schema = Object.fromEntries(texts.map((key) => [key, 'string' as const]));
    const ev = log.child({ [marker]: HOSTILE.join('') }).event(`${marker} ${HOSTILE.join(' | ')}`, schema);
    // emitterSource's output, kept on the event (non-enumerable) for exactly this check.
    const source = (ev as unknown as { source: string }).source;
    assert.equal(typeof source, 'string');
    assert.equal(typeof emitterSource, 'function');
    assert.ok(!Object.keys(ev).includes('source'), 'not an enumerable level method');

    for (const text of [
      marker,
      '__sluiceCanary',
      'process.exit',
      '*/',
      '`',
      '"',
      '\\',
      '\u2028',
      '${',
      '</script>',
    ]) {
      assert.ok(!source.includes(text), `source contains ${JSON.stringify(text)}`);
    }
    // The only string literals are the generator's own, made of lowercase words.
    for (const literal of source.match(/'[^']*'/g) ?? []) assert.match(literal, /^'[a-z ]+'$/);
    assert.equal(source.match(/\/\/|\/\*/g), null, 'no comments for user text to open or close');
    // It is valid JavaScript.
    assert.equal(typeof new Function('deps', source), 'function');
  });

  test('user text in keys and message is never code, for scalar and nested fields alike', () => {
    const plain = createLogger({ destination: new RecordCollector() }).event('m', {
      a: 'string',
      b: { type: 'object', properties: { c: { type: 'integer' } } },
    });
    const hostile = createLogger({ destination: new RecordCollector() }).event(HOSTILE.join(''), {
      [HOSTILE[4]]: 'string',
      [HOSTILE[8]]: { type: 'object', properties: { [HOSTILE[9]]: { type: 'integer' } } },
    });
    // Static runs may be inlined as numeric byte stores; with numbers masked, the code is the same.
    const shape = (ev: object) =>
      (ev as { source: string }).source
        .replace(/\{ out\.ensure\(\d+\);[^}]*\}/g, 'STATIC')
        .replace(/out\.writeBytes\(s\d+\);/g, 'STATIC')
        .replace(/\d+/g, 'N');
    assert.equal(shape(hostile), shape(plain));
  });
});

describe('property: any keys, values and message', () => {
  // Single code points of any kind, plus fragments that matter to generated code and escaping.
  const unit = fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom(...HOSTILE, '\u0000', '\u001b[31m', '\x7f', '\udc00', '%s', '%%'),
  );
  const text = fc.string({ unit, maxLength: 8 });
  const entries = fc.uniqueArray(fc.tuple(text, text), { selector: ([key]) => key, maxLength: 6 });

  for (const format of ['json', 'logfmt'] as const) {
    test(`${format}: an event writes byte for byte what the dynamic call writes`, () => {
      fc.assert(
        fc.property(entries, text, (pairs, message) => {
          const out = new RecordCollector();
          const log = createLogger({ format, base: null, clock: fixedClock, destination: out });
          const fields = Object.fromEntries(pairs);
          // Object.keys order (integer-like keys first) is the order both paths write in.
          const keys = Object.keys(fields);
          const ev = log.event(message, Object.fromEntries(keys.map((key) => [key, 'string' as const])));
          ev.info(...keys.map((key) => fields[key]));
          log.info(fields, message);
          assert.equal(out.lines.length, 2);
          assert.equal(out.lines[0], out.lines[1]);
          assert.equal(out.lines[0].indexOf('\n'), out.lines[0].length - 1, 'one line');
          if (format === 'json') {
            const record = JSON.parse(out.lines[0]) as Record<string, unknown>;
            assert.equal(record.msg, message);
            for (const key of keys) {
              if (['level', 'time', 'msg', '_level', '_time'].includes(key)) continue;
              assert.equal(record[key], fields[key]);
            }
          }
        }),
        { numRuns: 300 },
      );
      assert.equal(globalThis.__sluiceCanary, undefined);
    });
  }
});

describe('deferred event code and its replay treat user text as data', () => {
  /** The same calls through a plain logger and through deferred sinks replaying compiled and interpreted. */
  function deferredAgainstText(texts: readonly string[], calls: number): string[][] {
    const plain = new RecordCollector();
    const compiled = new ReplayingSink();
    const interpreted = new ReplayingSink({ interpretReplay: true });
    const schema: Record<string, 'string' | 'number' | 'boolean'> = Object.fromEntries(
      texts.map((key) => [key, 'string' as const]),
    );
    Object.assign(schema, { [VERY_LONG_KEY]: 'number', 'b`${b}`': 'boolean' });
    const events = [plain, compiled, interpreted].map((destination) =>
      createLogger({ base: null, clock: fixedClock, destination }).event(texts.join(' | '), schema),
    );
    for (let i = 0; i < calls; i++) {
      // Even arguments repeat (sent as shared strings once repeated enough), odd ones change every call.
      const args = [...texts.map((text, k) => (k % 2 === 0 ? text : `${text}${i}`)), i + 0.5, i % 2 === 0];
      for (const event of events) (event.info as (...values: unknown[]) => void)(...args);
    }
    assert.equal(compiled.replayed, calls, 'every call was deferred and replayed');
    assert.equal(interpreted.replayed, calls);
    return [plain.lines, compiled.lines, interpreted.lines];
  }

  test('hostile keys, values and message replay byte for byte as the text, compiled or not', () => {
    const [plain, compiled, interpreted] = deferredAgainstText(HOSTILE, 40);
    assert.deepEqual(compiled, plain);
    assert.deepEqual(interpreted, plain);
    for (const line of plain) {
      const record = JSON.parse(line) as Record<string, unknown>;
      for (const key of HOSTILE)
        assert.ok(Object.hasOwn(record, key), `key ${JSON.stringify(key)} is present`);
      assert.equal(typeof record[VERY_LONG_KEY], 'number');
    }
    assert.equal(globalThis.__sluiceCanary, undefined);
  });

  test('the deferred source contains none of the user text', () => {
    const sink = new ReplayingSink();
    const marker = 'SLUICE_USER_TEXT_MARKER';
    const schema = Object.fromEntries([...HOSTILE, marker].map((key) => [key, 'string' as const]));
    const ev = createLogger({ destination: sink }).event(`${marker}${HOSTILE.join('')}`, schema);
    const source = (ev as unknown as { deferredSource: string | null }).deferredSource;
    assert.equal(typeof source, 'string', 'the event was deferred');
    for (const text of [marker, '__sluiceCanary', 'process.exit', '`', '"', '\\', '\u2028', '${']) {
      assert.ok(!source!.includes(text), `source contains ${JSON.stringify(text)}`);
    }
  });
});

describe('compiled field writers treat keys and values as data', () => {
  test('user text becomes numbers in a compiled writer, never source', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: text that would run if pasted into a template
    const text = "'); globalThis.__sluiceHotCanary = 1; ('\u2028*/`${1}`\\";
    const write = compileFixedBytes(Buffer.from(text));
    assert.ok(write !== null);
    const source = write.toString();
    assert.doesNotMatch(source, /sluiceHotCanary|globalThis|\\u2028|`/);
    // Only fixed identifiers, numbers and punctuation.
    assert.match(source, /^[\w\s.(){};,=+\-'"]*$/);
    const out = new RecordBuffer(64);
    write(out);
    assert.equal(out.toString(), text);
    assert.equal((globalThis as Record<string, unknown>).__sluiceHotCanary, undefined);
  });

  test('a field shape compiled for hostile keys writes them as data and matches only its own keys', () => {
    const values = new JsonValueWriter(resolveValueLimits(undefined), null);
    const trie = new FieldKeyTrie({ sink: values, redaction: null, serializers: null });
    const out = new RecordBuffer(1024);
    const write = (obj: object): string => {
      out.pos = 0;
      values.walker.writeFields(out, obj, values, null, trie);
      return `{${out.toString().slice(1)}}`;
    };
    // Few and short enough keys for a shape: the first twelve of the corpus.
    const keys = HOSTILE.slice(0, 12);
    const hot = objectFrom(keys.map((key, k) => [key, k % 2 === 0 ? key : k]));
    for (let i = 0; i < 300; i++) write(hot);
    assert.ok(trie.shapeOf(hot) !== null, 'the hostile shape was compiled');
    assert.deepEqual(Object.entries(JSON.parse(write(hot))), Object.entries(hot));
    const reordered = objectFrom(keys.toReversed().map((key) => [key, key]));
    assert.equal(trie.shapeOf(reordered), null);
    assert.deepEqual(Object.entries(JSON.parse(write(reordered))), Object.entries(reordered));
    assert.equal(globalThis.__sluiceCanary, undefined);
  });

  test('the object API writes hot hostile keys, bindings and messages as a fresh logger does', () => {
    const hot = new RecordCollector();
    // Bindings under keys of their own (a field of the same key would be a second entry).
    const base = { [`base${HOSTILE[6]}`]: HOSTILE[4] };
    const bindings = { [`bound${HOSTILE[16]}`]: HOSTILE[8] };
    const options = { base, clock: fixedClock } as const;
    const log = createLogger({ ...options, destination: hot }).child(bindings);
    const fields = objectFrom([...HOSTILE, VERY_LONG_KEY].map((key) => [key, key]));
    const left = generatedSourceLeft();
    for (let i = 0; i < 300; i++) log.info(fields, HOSTILE.join(''));
    assert.ok(generatedSourceLeft() < left, 'hot keys, values and message were compiled');
    const fresh = new RecordCollector();
    createLogger({ ...options, destination: fresh })
      .child(bindings)
      .info(fields, HOSTILE.join(''));
    assert.equal(hot.lines.at(-1), fresh.lines[0]);
    const record = JSON.parse(fresh.lines[0]) as Record<string, unknown>;
    for (const key of [...HOSTILE, VERY_LONG_KEY]) assert.equal(record[key], key);
    assert.deepEqual(
      Object.keys(record).filter((key) => key.startsWith('base') || key.startsWith('bound')),
      [...Object.keys(base), ...Object.keys(bindings)],
    );
    assert.equal(record.msg, HOSTILE.join(''));
    assert.equal(globalThis.__sluiceCanary, undefined);
  });
});

describe('where compiling is refused, every generator writes the same bytes', () => {
  const packageRoot = fileURLToPath(new URL('..', import.meta.url));
  const fixture = (name: string) => fileURLToPath(new URL(`../test/fixtures/${name}`, import.meta.url));

  /** Runs fixtures/every-generator.mjs: its stdout, and what it reports on stderr. */
  function everyGenerator(nodeFlags: string[], args: string[] = []) {
    const run = spawnSync(process.execPath, [...nodeFlags, fixture('every-generator.mjs'), ...args], {
      cwd: packageRoot,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stderr.trim().split('\n').at(-1)!) as {
      left: number;
      spent: number;
      replayed: number;
      canary: unknown;
    };
    assert.equal(report.canary, null, 'no user text ran');
    return { stdout: run.stdout, report };
  }

  let compiled: ReturnType<typeof everyGenerator>;
  before(() => {
    compiled = everyGenerator([]);
  });

  test('with code generation allowed, every record is one valid line and code was generated', () => {
    assert.ok(compiled.report.spent > 0, 'code was generated');
    assert.ok(compiled.report.replayed > 0, 'deferred events were replayed');
    const lines = compiled.stdout.split('\n');
    assert.equal(lines.pop(), '', 'every record ends its line');
    for (const line of lines) {
      if (line.startsWith('{')) JSON.parse(line);
      else assert.match(line, /^level=/);
    }
  });

  test('under --disallow-code-generation-from-strings the output is identical', () => {
    const forbidden = everyGenerator(['--disallow-code-generation-from-strings']);
    assert.equal(forbidden.report.replayed, 0, 'no deferred event: its methods could not be compiled');
    assert.equal(forbidden.stdout, compiled.stdout);
  });

  test('past the budget of generated code, generators fall back and the output is identical', () => {
    const none = everyGenerator([], ['--budget=0']);
    assert.equal(none.report.left, 0, 'nothing was compiled');
    assert.equal(none.stdout, compiled.stdout);
    // A budget that runs out partway: some writers compiled, the rest not.
    const some = everyGenerator([], ['--budget=20000']);
    assert.ok(some.report.spent > 0, 'some code was compiled');
    assert.equal(some.stdout, compiled.stdout);
  });

  test('where code generation is forbidden, hot fields are copied and written the same', () => {
    const run = (flags: string[]) =>
      spawnSync(process.execPath, [...flags, fixture('hot-fields.mjs')], {
        cwd: packageRoot,
        encoding: 'utf8',
      });
    const normal = run([]);
    const forbidden = run(['--disallow-code-generation-from-strings']);
    assert.equal(normal.status, 0, normal.stderr);
    assert.equal(forbidden.status, 0, forbidden.stderr);
    const lines = normal.stdout.split('\n');
    assert.equal(lines.length, 403);
    assert.equal(
      lines[399],
      '{"level":30,"iteration":399,"batch":"performance_test","quo\\"te\\n":true,"msg":"hot message"}',
    );
    assert.equal(
      lines[400],
      '{"level":30,"batch":"changed","iteration":"now a string","quo\\"te\\n":null,"msg":"other message"}',
    );
    assert.equal(forbidden.stdout, normal.stdout);
  });
});
