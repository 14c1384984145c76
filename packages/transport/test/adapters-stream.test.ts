import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, test } from 'node:test';
import bunyan from 'bunyan';
import { SluiceWritable, sluiceWritable } from '../dist/esm/adapters/stream.js';
import { createTransport } from '../dist/esm/index.js';
import { readJsonLines, tempLogDir } from './support/adapter-log-file.js';
import { closeTransport } from './support/close-transport.js';
import { RecordingSink } from './support/recording-sink.js';

const logFile = tempLogDir('stream');

describe('sluiceWritable', () => {
  test("bunyan's stream: every record arrives as a JSON line; finish after end means written", async () => {
    const file = logFile('bunyan.log');
    const stream = sluiceWritable({ dest: file, append: false });
    assert.ok(stream instanceof SluiceWritable);
    const log = bunyan.createLogger({
      name: 'worker',
      level: 'trace',
      streams: [{ stream, level: 'trace' }],
    });
    log.trace('trace line');
    log.info({ job: 7 }, 'info line');
    log.child({ component: 'queue' }).warn('child line');
    log.error(new Error('bunyan error'), 'error line');
    stream.end();
    await once(stream, 'finish');

    const records = readJsonLines(file);
    assert.deepEqual(
      records.map((r) => [r.level, r.msg]),
      [
        [10, 'trace line'],
        [30, 'info line'],
        [40, 'child line'],
        [50, 'error line'],
      ],
    );
    assert.equal(records[1].job, 7);
    assert.equal(records[2].component, 'queue');
    assert.equal(records[3].err.message, 'bunyan error');
    for (const record of records) assert.equal(record.name, 'worker');
  });

  test("bunyan's records go into the ring at bunyan's level (found after its first fields)", () => {
    const sink = new RecordingSink();
    const stream = sluiceWritable({ transport: sink.link });
    const log = bunyan.createLogger({
      name: 'levels',
      level: 'trace',
      streams: [{ stream, level: 'trace' }],
    });
    log.trace('t');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    log.fatal('f');
    assert.deepEqual(
      sink.records.map((r) => r.level),
      [10, 20, 30, 40, 50, 60],
    );
  });

  test('pipeline from a Readable: lines split across chunks, several per chunk, strings and Buffers', async () => {
    const file = logFile('pipeline.log');
    const lines = [
      '{"level":40,"msg":"first"}',
      'plain text line',
      'multibyte é ✓ 😀 日本 split across chunks',
      '',
      '{"level":50,"msg":"last, unterminated"}',
    ];
    const text = lines.join('\n');
    const bytes = Buffer.from(text);
    // Cut the bytes at awkward places: inside the emoji (a 4-byte sequence), right after a newline,
    // several lines in one chunk; alternate Buffer and string chunks where a cut falls on a character.
    const emoji = bytes.indexOf(Buffer.from('😀'));
    const cuts = [5, 27, emoji + 2, emoji + 3, bytes.length - 10, bytes.length];
    const chunks: (string | Buffer)[] = [];
    let from = 0;
    for (const [i, cut] of cuts.entries()) {
      const piece = bytes.subarray(from, cut);
      const decoded = piece.toString('utf8');
      chunks.push(i % 2 === 0 && Buffer.from(decoded).equals(piece) ? decoded : Buffer.from(piece));
      from = cut;
    }
    assert.ok(chunks.some((c) => typeof c === 'string') && chunks.some((c) => Buffer.isBuffer(c)));

    await pipeline(
      Readable.from(chunks, { objectMode: false }),
      sluiceWritable({ dest: file, append: false }),
    );

    assert.equal(readFileSync(file, 'utf8'), `${text}\n`, 'the unterminated last line gets its newline');
  });

  test('one record per line, each at the level its line names', async () => {
    const sink = new RecordingSink();
    const stream = sluiceWritable({ transport: sink.link });
    stream.write('{"level":20,"msg":"a"}\n{"level":50,"msg":"b"}\n{"lev');
    stream.write(Buffer.from('el":60,"msg":"c"}\nno level here\n'));
    stream.end();
    await once(stream, 'finish');
    assert.deepEqual(
      sink.records.map((r) => [r.level, r.text]),
      [
        [20, '{"level":20,"msg":"a"}\n'],
        [50, '{"level":50,"msg":"b"}\n'],
        [60, '{"level":60,"msg":"c"}\n'],
        [30, 'no level here\n'],
      ],
    );
  });

  test('a shared transport stays running after the stream ends', async () => {
    const file = logFile('shared.log');
    const transport = createTransport({ dest: file, append: false });
    try {
      const stream = sluiceWritable({ transport });
      stream.end('{"msg":"from the stream"}\n');
      await once(stream, 'finish');
      const second = sluiceWritable({ transport });
      second.end('{"msg":"from a second stream"}\n');
      await once(second, 'finish');
      assert.deepEqual(
        readJsonLines(file).map((r) => r.msg),
        ['from the stream', 'from a second stream'],
      );
    } finally {
      await closeTransport(transport);
    }
  });
});
