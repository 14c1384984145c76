import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordBuffer } from '../dist/esm/index.js';
import { writeJsonBoolean } from '../dist/esm/json/write-json-boolean.js';
import { collectingLogger } from './support/collecting-logger.js';

test('true and false are written exactly, one after another, into a buffer that grows', () => {
  const out = new RecordBuffer(1);
  const values = [true, false, false, true, true, false];
  for (const value of values) {
    writeJsonBoolean(out, value);
    out.writeByte(0x2c);
  }
  assert.equal(out.toString(), `${values.join(',')},`);
});

test('boolean fields and array elements are written as JSON.stringify writes them', () => {
  const { log, lines } = collectingLogger();
  const fields = { t: true, f: false, list: [false, true], nested: { b: false }, boxed: Object(true) };
  log.info(fields, 'm');
  assert.equal(lines[0], `{"level":30,${JSON.stringify(fields).slice(1, -1)},"msg":"m"}\n`);
});
