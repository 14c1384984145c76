import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Clock, createLogger, type Logger, RecordBuffer } from '@sluice/core';
import { createTransport } from '../dist/esm/index.js';
import { parseJsonRecord } from '../dist/esm/render/parsed-record.js';
import { PrettyLine, prettyColors } from '../dist/esm/render/pretty-line.js';
import { closeTransport } from './support/close-transport.js';
import { RecordingSink } from './support/recording-sink.js';
import { tempDir } from './support/records.js';

// The development format: readable, aligned, coloured only where colours belong, and still one line
// per record whatever the record's text holds (only an error's stack adds indented lines).

const KEYS = { level: 'level', time: 'time', message: 'msg', error: 'err' };
const at = new Date(2026, 10, 26, 9, 5, 7, 42).getTime(); // local time 09:05:07.042
const clock: Clock = { now: () => at };

function pretty(call: (log: Logger) => void, colors = false): string {
  const sink = new RecordingSink(new RecordBuffer(4096));
  call(createLogger({ transport: sink.link, clock, level: 'trace' }));
  const line = new PrettyLine(KEYS, colors);
  return sink.records
    .map((record) => {
      const bytes = Buffer.from(record.text);
      const out = new RecordBuffer(256);
      line.render(out, parseJsonRecord(bytes, 0, bytes.length, record.level, KEYS));
      return out.toString(0, out.pos);
    })
    .join('');
}

const ANSI = /\u001b\[[0-9;]*m/g;

test('pretty: local time, the level in a column 5 wide, the message, then fields (pid and hostname left out)', () => {
  assert.equal(
    pretty((log) => {
      log.info({ user: 'ada', n: 1, nested: { a: [1] }, spaced: 'two words' }, 'hello');
      log.warn('careful');
      log.trace('t');
    }),
    '09:05:07.042 INFO  hello user=ada n=1 nested={"a":[1]} spaced="two words"\n' +
      '09:05:07.042 WARN  careful\n' +
      '09:05:07.042 TRACE t\n',
  );
});

test('pretty: an error prints its stack below the line, indented, frames deeper', () => {
  const error = new Error('boom');
  const text = pretty((log) => log.error(error, 'failed'));
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], '09:05:07.042 ERROR failed');
  assert.equal(lines[1], '    Error: boom');
  assert.ok(lines.length > 2, 'stack frames follow');
  assert.ok(
    lines.slice(2).every((line) => /^ {8}at /.test(line)),
    lines.slice(2).join('\n'),
  );
  const stackFrames = (error.stack ?? '').split('\n').length - 1;
  assert.equal(lines.length - 2, stackFrames);
});

test('pretty: control characters in message, keys and values are escaped, never raw', () => {
  const text = pretty((log) =>
    log.info(
      { 'k\ney': 'v\r\n10:00:00.000 INFO  forged', esc: '\u001b[2J', c1: '\u0085', sep: '\u2028' },
      'line\nbreak\u001b[31m',
    ),
  );
  assert.equal(text.split('\n').length, 2, 'exactly one line');
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
  assert.ok(text.includes('line\\nbreak\\u001b[31m'));
  assert.ok(text.includes('k\\ney="v\\r\\n10:00:00.000 INFO  forged"'));
});

test('pretty colours: the level is coloured, and without the colour codes the line is the plain line', () => {
  const call = (log: Logger) => log.error({ a: 1 }, 'coloured');
  const coloured = pretty(call, true);
  assert.ok(coloured.includes('\u001b[31mERROR'), 'error is red');
  assert.equal(coloured.replace(ANSI, ''), pretty(call, false));
});

test('pretty colours: a TTY or FORCE_COLOR turns them on, NO_COLOR always off', () => {
  assert.equal(prettyColors(true, {}), true);
  assert.equal(prettyColors(false, {}), false);
  assert.equal(prettyColors(false, { FORCE_COLOR: '1' }), true);
  assert.equal(prettyColors(true, { FORCE_COLOR: '0' }), false);
  assert.equal(prettyColors(true, { NO_COLOR: '1' }), false);
  assert.equal(prettyColors(false, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
});

test('a pretty target in a file gets no colours and one line per record', async () => {
  const file = join(tempDir('pretty'), 'dev.log');
  const transport = createTransport({ targets: [{ dest: file, format: 'pretty' }] });
  const log = createLogger({ transport });
  for (let seq = 0; seq < 100; seq++) log.info({ seq }, 'to a file');
  await closeTransport(transport);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 100);
  lines.forEach((line, seq) => {
    assert.match(line, new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  to a file seq=${seq}$`));
  });
  assert.doesNotMatch(readFileSync(file, 'utf8'), /\u001b/);
});
