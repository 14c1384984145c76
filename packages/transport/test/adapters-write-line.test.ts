import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { RECORD_ABANDONED, RecordBuffer } from '@sluice/core';
import { attachTransport, createTransport } from '../dist/esm/index.js';
import { writePreformattedLine, writePreformattedLineBytes } from '../dist/esm/write-preformatted-line.js';
import { tempLogDir } from './support/adapter-log-file.js';
import { closeTransport } from './support/close-transport.js';
import { RecordingSink } from './support/recording-sink.js';

const logFile = tempLogDir('write-line');

/** A bounded buffer that drops what does not fit, as a ring under the drop policy does. */
class DroppingBuffer extends RecordBuffer {
  protected override makeRoom(): void {
    this.pos = this.start;
    throw RECORD_ABANDONED;
  }
}

describe('writing pre-formatted lines', () => {
  test('ProducerLink.writeLine: one record per line, a newline added only where missing', async () => {
    const file = logFile('producer-link.log');
    const transport = createTransport({ dest: file, append: false });
    try {
      const link = attachTransport(transport.handle());
      assert.equal(link.writeLine('{"level":30,"msg":"has newline"}\n', 30), true);
      assert.equal(link.writeLine('no newline', 40), true);
      assert.equal(link.writeLine('', 30), true);
      assert.equal(link.writeLine('é ✓ 😀 日本', 30), true);
      assert.equal(link.writeLine('z'.repeat(5000), 30), true);
      await link.flush();
      link.detach();
      assert.equal(
        readFileSync(file, 'utf8'),
        `{"level":30,"msg":"has newline"}\nno newline\n\né ✓ 😀 日本\n${'z'.repeat(5000)}\n`,
      );
    } finally {
      await closeTransport(transport);
    }
  });

  test('the level goes to commit; byte ranges are copied exactly', () => {
    const sink = new RecordingSink();
    writePreformattedLine(sink, 'text line', 45);
    const bytes = Buffer.from('xx{"a":1}\n{"b":2}yy');
    writePreformattedLineBytes(sink, bytes, 2, 10, 20);
    writePreformattedLineBytes(sink, bytes, 10, 17, 50);
    assert.deepEqual(sink.records, [
      { level: 45, text: 'text line\n' },
      { level: 20, text: '{"a":1}\n' },
      { level: 50, text: '{"b":2}\n' },
    ]);
  });

  test('a record the sink drops returns false and is never committed', () => {
    const refusing = new RecordingSink();
    refusing.begin = () => false;
    assert.equal(writePreformattedLine(refusing, 'refused at begin', 30), false);
    assert.equal(writePreformattedLineBytes(refusing, Buffer.from('refused\n'), 0, 8, 30), false);
    assert.deepEqual(refusing.records, []);

    const bounded = new RecordingSink(new DroppingBuffer(64));
    assert.equal(writePreformattedLine(bounded, 'x'.repeat(100), 30), false);
    assert.equal(writePreformattedLineBytes(bounded, Buffer.alloc(100, 0x78), 0, 100, 30), false);
    assert.equal(writePreformattedLine(bounded, 'fits', 30), true);
    assert.deepEqual(bounded.records, [{ level: 30, text: 'fits\n' }]);
  });
});
