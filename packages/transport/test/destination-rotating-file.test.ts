import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createLogger } from '@sluice/core';
import { build } from 'esbuild';
import { createTransport, type TransportStats } from '../dist/esm/index.js';
import { closeTransport } from './support/close-transport.js';
import {
  assertExactlySeq,
  fixture,
  type LogRecord,
  lastJsonLine,
  packageRoot,
  runFixture,
  scaled,
  tempDir,
} from './support/records.js';

// A rotating file loses and duplicates nothing across rotations made while records arrive at full
// speed, keeps the newest `keep` files, and gzips rotated files off the write path: on piscina when it
// is installed, with a zlib stream when the app was bundled into one file without node_modules.

const ROTATED = /^app\.log\.\d{8}-\d{6}\.(\d{6})(\.gz)?$/;

/** The rotated files oldest first (by sequence number), then the live file: every record, in order. */
function readRotation(dir: string): { records: LogRecord[]; rotated: string[] } {
  const rotated = readdirSync(dir)
    .filter((name) => ROTATED.test(name))
    .sort((a, b) => Number(ROTATED.exec(a)?.[1]) - Number(ROTATED.exec(b)?.[1]));
  const records: LogRecord[] = [];
  for (const name of [...rotated, 'app.log']) {
    const raw = readFileSync(join(dir, name));
    const text = (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    if (text === '') continue;
    assert.ok(text.endsWith('\n'), `${name} ends with a whole record`);
    for (const line of text.slice(0, -1).split('\n')) records.push(JSON.parse(line) as LogRecord);
  }
  return { records, rotated };
}

const COUNT = scaled(60_000, 1_000_000);
const MAX_BYTES = 32 * 1024;

test('full speed through many rotations: every record exactly once, in order, every rotated file gzipped on piscina', async () => {
  const dir = tempDir('rotate-count');
  const path = join(dir, 'app.log');
  const run = await runFixture('rotating-app.mjs', [path, String(COUNT), String(MAX_BYTES), '100000', 'yes']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  const stats = lastJsonLine<TransportStats>(run.stdout);
  const { records, rotated } = readRotation(dir);
  assertExactlySeq(records, COUNT);
  assert.ok(rotated.length > 100, `${rotated.length} rotations`);
  assert.ok(
    rotated.every((name) => name.endsWith('.gz')),
    'every rotated file is compressed',
  );
  assert.deepEqual(stats.filesCompressed, { pool: rotated.length, stream: 0, pending: 0 });
  for (const name of rotated) {
    const size = gunzipSync(readFileSync(join(dir, name))).length;
    assert.ok(size <= MAX_BYTES, `${name}: ${size} bytes, at most maxBytes`);
  }
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.endsWith('.partial')),
    [],
  );
});

test('gzip with rotations outpacing compression: no spurious warning, and stats() right after flush() counts every .gz file or says it is pending', async () => {
  const dir = tempDir('rotate-gzip-keep');
  const path = join(dir, 'app.log');
  const run = await runFixture('rotating-app.mjs', [path, '20000', String(8 * 1024), '2', 'yes', 'flush']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '', 'no warning');
  const line = run.stdout.split('\n').find((text) => text.startsWith('{"afterFlush"'));
  assert.ok(line !== undefined, run.stdout);
  const { afterFlush, gzFiles } = JSON.parse(line) as { afterFlush: TransportStats; gzFiles: number };
  const { pool, stream, pending } = afterFlush.filesCompressed;
  assert.ok(
    gzFiles <= pool + stream + pending,
    `${gzFiles} .gz files, stats say ${JSON.stringify(afterFlush.filesCompressed)}`,
  );
  const final = lastJsonLine<TransportStats>(run.stdout);
  assert.equal(final.filesCompressed.pending, 0, 'close() waits for the compressions');
  assert.deepEqual(
    readdirSync(dir).filter((name) => name.endsWith('.partial')),
    [],
  );
});

test('a compression left half done by an earlier run is finished: no .gz.partial, no uncompressed rotated file', async () => {
  const dir = tempDir('rotate-leftovers');
  const path = join(dir, 'app.log');
  const interrupted = 'app.log.20260101-000000.000001';
  const uncompressed = `${JSON.stringify({ level: 30, msg: 'rotated, never compressed' })}\n`;
  writeFileSync(join(dir, interrupted), uncompressed);
  writeFileSync(join(dir, `${interrupted}.gz.partial`), 'half an archive');
  const unremoved = 'app.log.20260101-000000.000002';
  writeFileSync(join(dir, unremoved), 'compressed, source left behind\n');
  writeFileSync(join(dir, `${unremoved}.gz`), gzipSync('compressed, source left behind\n'));
  const run = await runFixture('rotating-app.mjs', [path, '10', String(1024 * 1024), '10', 'yes']);
  assert.equal(run.status, 0, run.stderr);
  const names = readdirSync(dir).sort();
  assert.deepEqual(names, ['app.log', `${interrupted}.gz`, `${unremoved}.gz`]);
  assert.equal(gunzipSync(readFileSync(join(dir, `${interrupted}.gz`))).toString(), uncompressed);
  assert.equal(lastJsonLine<TransportStats>(run.stdout).filesCompressed.pending, 0);
});

test('keep: only the newest N rotated files stay, and they hold the newest records without a gap', async () => {
  const dir = tempDir('rotate-keep');
  const path = join(dir, 'app.log');
  const run = await runFixture('rotating-app.mjs', [path, '20000', String(16 * 1024), '3', 'no']);
  assert.equal(run.status, 0, run.stderr);
  const { records, rotated } = readRotation(dir);
  assert.equal(rotated.length, 3);
  const seqs = records.map((r) => r.seq as number);
  assert.equal(seqs[seqs.length - 1], 19_999);
  seqs.forEach((seq, i) => {
    assert.equal(seq, seqs[0] + i, 'contiguous and in order');
  });
  const numbers = rotated.map((name) => Number(ROTATED.exec(name)?.[1]));
  const highest = numbers[numbers.length - 1];
  assert.deepEqual(numbers, [highest - 2, highest - 1, highest], 'the three newest rotations');
});

test('interval: a record arriving in a new period starts a new file', async () => {
  const dir = tempDir('rotate-interval');
  const path = join(dir, 'app.log');
  const transport = createTransport({ dest: { type: 'rotating-file', path, interval: 1000, keep: 10 } });
  const log = createLogger({ transport });
  log.info({ seq: 0 }, 'first period');
  await transport.flush();
  // Wait into the next whole second (periods are aligned to the epoch).
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
  log.info({ seq: 1 }, 'second period');
  await closeTransport(transport);
  const { records, rotated } = readRotation(dir);
  assert.equal(rotated.length, 1);
  assertExactlySeq(records, 2);
  assert.equal(statSync(join(dir, rotated[0])).size > 0, true);
});

test('bundled into one file with no node_modules: rotated files are still gzipped (zlib stream), nothing lost', async () => {
  const dir = tempDir('rotate-bundled');
  const app = join(dir, 'app.cjs');
  await build({
    entryPoints: [fixture('rotating-app.mjs')],
    absWorkingDir: packageRoot,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: app,
    logLevel: 'silent',
  });
  const logs = join(dir, 'logs');
  const count = 20_000;
  const run = spawnSync(
    process.execPath,
    [app, join(logs, 'app.log'), String(count), String(MAX_BYTES), '100000', 'yes'],
    { cwd: dir, encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  const stats = lastJsonLine<TransportStats>(run.stdout);
  const { records, rotated } = readRotation(logs);
  assertExactlySeq(records, count);
  assert.ok(rotated.length > 10);
  assert.ok(rotated.every((name) => name.endsWith('.gz')));
  assert.deepEqual(stats.filesCompressed, { pool: 0, stream: rotated.length, pending: 0 });
});
