import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import winston from 'winston';
import { SluiceWinstonTransport, WINSTON_LEVELS } from '../dist/esm/adapters/winston.js';
import { createTransport } from '../dist/esm/index.js';
import { readJsonLines, readLines, tempLogDir } from './support/adapter-log-file.js';
import { closeTransport } from './support/close-transport.js';
import { RecordingSink } from './support/recording-sink.js';

const logFile = tempLogDir('winston');
const MESSAGE = Symbol.for('message');
const LEVEL = Symbol.for('level');

/** Ends the logger; winston's 'finish' waits for every transport's own 'finish'. */
async function endLogger(logger: winston.Logger): Promise<void> {
  const finished = once(logger, 'finish');
  logger.end();
  await finished;
}

describe('winston through SluiceWinstonTransport', () => {
  test('json format: every entry is one JSON line with its level, message and metadata', async () => {
    const file = logFile('json.log');
    const logger = winston.createLogger({
      level: 'silly',
      format: winston.format.json(),
      defaultMeta: { service: 'billing' },
      transports: [new SluiceWinstonTransport({ dest: file, append: false })],
    });
    logger.error('error entry', { code: 'E1' });
    logger.warn('warn entry');
    logger.info('info entry', { nested: { list: [1, 2] }, text: 'é ✓ 😀' });
    logger.http('http entry');
    logger.verbose('verbose entry');
    logger.debug('debug entry');
    logger.silly('silly entry');
    logger.child({ requestId: 'r-1' }).info('child entry');
    await endLogger(logger);

    const records = readJsonLines(file);
    assert.deepEqual(
      records.map((r) => [r.level, r.message]),
      [
        ['error', 'error entry'],
        ['warn', 'warn entry'],
        ['info', 'info entry'],
        ['http', 'http entry'],
        ['verbose', 'verbose entry'],
        ['debug', 'debug entry'],
        ['silly', 'silly entry'],
        ['info', 'child entry'],
      ],
    );
    for (const record of records) assert.equal(record.service, 'billing');
    assert.equal(records[0].code, 'E1');
    assert.deepEqual(records[2].nested, { list: [1, 2] });
    assert.equal(records[2].text, 'é ✓ 😀');
    assert.equal(records[7].requestId, 'r-1');
  });

  test('simple format: winston formats, sluice writes the text as is', async () => {
    const file = logFile('simple.log');
    const logger = winston.createLogger({
      format: winston.format.simple(),
      transports: [new SluiceWinstonTransport({ dest: file, append: false })],
    });
    logger.info('plain text');
    logger.warn('with meta', { a: 1 });
    logger.debug('below the logger level');
    await endLogger(logger);
    assert.deepEqual(readLines(file), ['info: plain text', 'warn: with meta {"a":1}']);
  });

  test("the transport's own level and format apply (winston-transport's options)", async () => {
    const file = logFile('transport-options.log');
    const logger = winston.createLogger({
      level: 'debug',
      transports: [
        new SluiceWinstonTransport({
          dest: file,
          append: false,
          level: 'warn',
          format: winston.format.printf((info) => `${info.level.toUpperCase()} ${info.message}`),
        }),
      ],
    });
    logger.debug('no');
    logger.info('no');
    logger.warn('yes warn');
    logger.error('yes error');
    await endLogger(logger);
    assert.deepEqual(readLines(file), ['WARN yes warn', 'ERROR yes error']);
  });

  test('logger.close() flushes synchronously: the lines are in the file when it returns', () => {
    const file = logFile('close.log');
    const logger = winston.createLogger({
      format: winston.format.json(),
      transports: [new SluiceWinstonTransport({ dest: file, append: false })],
    });
    for (let i = 0; i < 2000; i++) logger.info('entry', { i });
    logger.close();
    const records = readJsonLines(file);
    assert.equal(records.length, 2000);
    assert.deepEqual(
      records.map((r) => r.i),
      Array.from({ length: 2000 }, (_, i) => i),
    );
  });

  test('ending the transport itself: finish is emitted once its lines are in the file', async () => {
    const file = logFile('end-transport.log');
    const transport = new SluiceWinstonTransport({ dest: file, append: false });
    for (let i = 0; i < 1000; i++) {
      // What a winston logger writes to its transports: the info object after formatting.
      transport.write({ level: 'info', message: `m${i}`, [LEVEL]: 'info', [MESSAGE]: `line ${i}` });
    }
    transport.end();
    await once(transport, 'finish');
    const lines = readLines(file);
    assert.equal(lines.length, 1000);
    assert.equal(lines[999], 'line 999');
  });

  test("records go into the ring at sluice's number for each winston level", () => {
    const sink = new RecordingSink();
    const logger = winston.createLogger({
      level: 'silly',
      format: winston.format.simple(),
      transports: [new SluiceWinstonTransport({ transport: sink.link })],
    });
    for (const level of ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']) {
      logger.log(level, `at ${level}`);
    }
    assert.deepEqual(
      sink.records.map((r) => [r.level, r.text]),
      [
        [50, 'error: at error\n'],
        [40, 'warn: at warn\n'],
        [30, 'info: at info\n'],
        [30, 'http: at http\n'],
        [20, 'verbose: at verbose\n'],
        [20, 'debug: at debug\n'],
        [10, 'silly: at silly\n'],
      ],
    );
  });

  test('syslog levels, colorize() and custom levels map by the uncoloured name', () => {
    const sink = new RecordingSink();
    const logger = winston.createLogger({
      levels: { ...winston.config.syslog.levels, audit: 8 },
      level: 'audit',
      format: winston.format.combine(winston.format.colorize({ all: true }), winston.format.simple()),
      transports: [new SluiceWinstonTransport({ transport: sink.link, levels: { audit: 35 } })],
    });
    winston.addColors({ audit: 'blue' });
    logger.log('emerg', 'down');
    logger.log('crit', 'critical');
    logger.log('warning', 'careful');
    logger.log('notice', 'note');
    logger.log('audit', 'who did what');
    assert.deepEqual(
      sink.records.map((r) => r.level),
      [60, 60, 40, 30, 35],
    );
    assert.match(sink.records[0].text, /\u001b\[/, 'colorize output is written as winston formatted it');
    assert.equal(WINSTON_LEVELS.get('emerg'), 60);
  });

  test('a shared transport stays running after the winston logger ends', async () => {
    const file = logFile('shared.log');
    const transport = createTransport({ dest: file, append: false });
    try {
      const logger = winston.createLogger({
        format: winston.format.simple(),
        transports: [new SluiceWinstonTransport({ transport })],
      });
      logger.info('from winston');
      await endLogger(logger);
      const again = winston.createLogger({
        format: winston.format.simple(),
        transports: [new SluiceWinstonTransport({ transport })],
      });
      again.info('second winston logger');
      await endLogger(again);
      assert.deepEqual(readLines(file), ['info: from winston', 'info: second winston logger']);
    } finally {
      await closeTransport(transport);
    }
  });
});
