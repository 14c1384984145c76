import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordBuffer } from '../dist/esm/index.js';
import {
  putPlainLatin1JsonString,
  writeJsonString,
  writeJsonStringFromLatin1,
} from '../dist/esm/json/write-json-string.js';

/** What writeJsonString wrote for `s`, starting from a tiny buffer so every write has to grow it. */
function encode(s: string): Buffer {
  const out = new RecordBuffer(1);
  writeJsonString(out, s);
  return Buffer.from(out.bytes.subarray(0, out.pos));
}

/** The reference: JSON.stringify's text as UTF-8 (lone surrogates come out as ASCII `\udXXX` escapes). */
function reference(s: string): Buffer {
  return Buffer.from(JSON.stringify(s), 'utf8');
}

function describe(s: string): string {
  return `${JSON.stringify(s)} (length ${s.length})`;
}

/** The writer switches from its per-character loop to a regex scan plus one C++ write above 64 units. */
const LONG_STRING_THRESHOLD = 64;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

test('every UTF-16 code unit as a one-character string matches JSON.stringify', () => {
  const mismatches: string[] = [];
  for (let unit = 0; unit <= 0xffff; unit++) {
    const s = String.fromCharCode(unit);
    if (!encode(s).equals(reference(s))) mismatches.push(`U+${unit.toString(16).padStart(4, '0')}`);
  }
  assert.deepEqual(mismatches, []);
});

test('lone surrogates are written as lowercase \\udXXX escapes', () => {
  assert.equal(encode('\ud800').toString('latin1'), '"\\ud800"');
  assert.equal(encode('\udbff').toString('latin1'), '"\\udbff"');
  assert.equal(encode('\udc00').toString('latin1'), '"\\udc00"');
  assert.equal(encode('\udfff').toString('latin1'), '"\\udfff"');
  assert.equal(encode('a\udabcb').toString('latin1'), '"a\\udabcb"');
  // A low surrogate before a high one is two lone surrogates, not a pair.
  assert.equal(encode('\udc00\ud800').toString('latin1'), '"\\udc00\\ud800"');
});

test('surrogate pairs are written as one 4-byte UTF-8 sequence', () => {
  assert.deepEqual([...encode('😀')], [0x22, 0xf0, 0x9f, 0x98, 0x80, 0x22]);
  for (const s of ['😀', '𝄞', '\u{10ffff}', '\u{10000}', 'a😀b', '😀😀', '\ud83d\ude00\ud83d']) {
    assert.ok(encode(s).equals(reference(s)), describe(s));
  }
});

test('ANSI escape ESC[31m is written with ESC as \\u001b', () => {
  assert.equal(encode('\x1b[31mred\x1b[0m').toString('latin1'), '"\\u001b[31mred\\u001b[0m"');
});

test('C0 controls, quotes and backslashes use the same short and \\u00XX escapes as JSON.stringify', () => {
  const s = '\b\t\n\f\r"\\\x00\x01\x1f\x7f/';
  assert.equal(encode(s).toString('latin1'), JSON.stringify(s));
});

test('strings around the 64-char long-string threshold match JSON.stringify, with specials at start, middle and end', () => {
  const specials = [
    '',
    '"',
    '\\',
    '\n',
    '\x00',
    '\x1b',
    '\x1f',
    '\x7f',
    'é',
    '€',
    '\u2028',
    '\uffff',
    '😀',
    '\ud800',
    '\udfff',
  ];
  const lengths = [
    LONG_STRING_THRESHOLD - 1,
    LONG_STRING_THRESHOLD,
    LONG_STRING_THRESHOLD + 1,
    LONG_STRING_THRESHOLD + 2,
    200,
  ];
  const mismatches: string[] = [];
  let checked = 0;
  for (const length of lengths) {
    // Letters and digits only: with nothing to escape, the special alone decides which path runs.
    const base = Array.from({ length }, (_, i) => ALPHANUMERIC[(i * 7) % ALPHANUMERIC.length]).join('');
    for (const special of specials) {
      for (const at of [0, length >> 1, length - special.length]) {
        // Replace rather than insert, so the string keeps exactly `length` units.
        const s = base.slice(0, at) + special + base.slice(at + special.length);
        assert.equal(s.length, length);
        checked++;
        if (!encode(s).equals(reference(s))) mismatches.push(describe(s));
      }
    }
  }
  assert.deepEqual(mismatches, []);
  assert.ok(checked >= lengths.length * specials.length * 3);
});

test('long strings made only of non-ASCII text match JSON.stringify', () => {
  for (const s of ['é'.repeat(65), '€'.repeat(200), '😀'.repeat(100), `${'ü'.repeat(70)}\ud800`]) {
    assert.ok(encode(s).equals(reference(s)), describe(s));
  }
});

test('consecutive strings written into one growing buffer are each exact', () => {
  const strings = ['', 'a', '"q"', 'x'.repeat(65), '\x1b[31m', '😀'.repeat(40), '\ud800', 'é'.repeat(64)];
  const out = new RecordBuffer(4);
  for (const s of strings) writeJsonString(out, s);
  assert.equal(out.toString(), strings.map((s) => JSON.stringify(s)).join(''));
});

test('a string held as Latin-1 bytes is written exactly as the string it decodes to (all 256 byte values)', () => {
  const bytes = Buffer.alloc(256 + 8);
  for (let c = 0; c < 256; c++) bytes[4 + c] = c;
  const viaBytes = new RecordBuffer(16);
  writeJsonStringFromLatin1(viaBytes, bytes, 4, 256);
  const text = bytes.toString('latin1', 4, 4 + 256);
  const viaString = new RecordBuffer(16);
  writeJsonString(viaString, text);
  assert.equal(viaBytes.toString(), viaString.toString());
  assert.equal(viaBytes.toString(), JSON.stringify(text));
  for (let c = 0; c < 256; c++) {
    const one = new RecordBuffer(4);
    writeJsonStringFromLatin1(one, bytes, 4 + c, 1);
    assert.equal(one.toString(), JSON.stringify(String.fromCharCode(c)), `byte ${c}`);
  }
});

test('putPlainLatin1JsonString writes what writeJsonString writes for plain ASCII, and declines every other byte', () => {
  for (let c = 0; c < 256; c++) {
    const src = Buffer.from([0x61, c, 0x62]);
    const dst = Buffer.alloc(8, 0x7e);
    const end = putPlainLatin1JsonString(dst, 1, src, 0, 3);
    const text = src.toString('latin1');
    const plain = c >= 0x20 && c < 0x80 && c !== 0x22 && c !== 0x5c;
    if (plain) {
      assert.equal(dst.toString('latin1', 1, end), JSON.stringify(text), `byte ${c}`);
      assert.deepEqual(dst.subarray(1, end), encode(text), `byte ${c} as writeJsonString writes it`);
    } else {
      assert.equal(end, -1, `byte ${c} needs escaping or UTF-8: the full writer takes it`);
    }
  }
  const empty = Buffer.alloc(4);
  assert.equal(empty.toString('latin1', 0, putPlainLatin1JsonString(empty, 0, Buffer.alloc(0), 0, 0)), '""');
});
