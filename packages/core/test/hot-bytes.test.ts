import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PROPERTY_RUNS } from '@sluice/test-support/property-runs';
import fc from 'fast-check';
import { CompileBudget, compileFixedBytes, HotBytes } from '../dist/esm/buffer/hot-bytes.js';
import { RecordBuffer } from '../dist/esm/index.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const fixture = fileURLToPath(new URL('../test/fixtures/hot-fields.mjs', import.meta.url));

test('a compiled writer writes exactly its bytes at any offset and touches nothing around them', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(9), (bytes, offset) => {
      const write = compileFixedBytes(bytes);
      assert.ok(write !== null);
      const out = new RecordBuffer(256);
      out.bytes.fill(0xaa);
      out.pos = offset;
      write(out);
      assert.equal(out.pos, offset + bytes.length);
      assert.deepEqual(out.bytes.subarray(offset, out.pos), Buffer.from(bytes));
      assert.ok(
        out.bytes.subarray(0, offset).every((b) => b === 0xaa),
        'nothing written before',
      );
      assert.ok(
        out.bytes.subarray(out.pos).every((b) => b === 0xaa),
        'nothing written after',
      );
    }),
    { numRuns: PROPERTY_RUNS },
  );
});

test('a compiled writer keeps writing into a buffer that grew (a new backing store and view)', () => {
  const bytes = Buffer.from(',"iteration":');
  const write = compileFixedBytes(bytes);
  assert.ok(write !== null);
  const out = new RecordBuffer(16);
  for (let i = 0; i < 100; i++) write(out);
  assert.ok(out.bytes.length >= 1300, 'the buffer grew');
  assert.equal(out.toString(), ',"iteration":'.repeat(100));
});

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

test('nothing is compiled for no bytes, for bytes too long to be worth it, or past the budget', () => {
  assert.equal(compileFixedBytes(new Uint8Array(0)), null);
  assert.equal(compileFixedBytes(new Uint8Array(65)), null);
  const budget = new CompileBudget(2);
  assert.ok(budget.compile(Buffer.from('a')) !== null);
  assert.ok(budget.compile(Buffer.from('b')) !== null);
  assert.equal(budget.compile(Buffer.from('c')), null);
});

test('hot bytes are written the same before, while and after they are compiled', () => {
  const budget = new CompileBudget(1);
  const first = new HotBytes(Buffer.from(',"user_id":'), budget);
  const second = new HotBytes(Buffer.from(',"x":'), budget);
  const out = new RecordBuffer(8);
  for (let i = 0; i < 300; i++) {
    first.write(out);
    second.write(out);
  }
  assert.equal(out.toString(), ',"user_id":,"x":'.repeat(300));
});

test('where code generation is forbidden, hot fields are copied and written the same', () => {
  const run = (flags: string[]) =>
    spawnSync(process.execPath, [...flags, fixture], { cwd: packageRoot, encoding: 'utf8' });
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
