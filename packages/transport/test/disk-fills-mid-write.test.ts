import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogger } from '@sluice/core';
import { createTransport } from '../dist/esm/index.js';
import { assertExactlySeq, fileLines, logSpaced, readRecords, tempDir } from './support/records.js';

// A disk that fills in the middle of a write: the write falls short, then fails (ENOSPC). Whoever
// wrote (the sink worker, or the thread that logs below bursts), the file holds every record once, in
// order, and no torn line once there is room again. Needs root, for a 64 KiB tmpfs.

const dir = tempDir('disk-fills');

for (const callerWrites of [true, false]) {
  const writer = callerWrites ? 'the logging thread' : 'the worker';
  test(`a disk that fills during a write by ${writer}: no torn or repeated line, none lost once there is room`, async (t) => {
    const mountPoint = join(dir, `small-disk-${callerWrites}`);
    mkdirSync(mountPoint);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      t.skip('needs root to mount a 64 KiB tmpfs');
      return;
    }
    let transport: ReturnType<typeof createTransport> | null = null;
    try {
      const filler = join(mountPoint, 'filler');
      const file = join(mountPoint, 'app.log');
      // Leave room for a few records only: the records' write runs out of space part-way.
      writeFileSync(filler, Buffer.alloc(64 * 1024 - 4096));
      transport = createTransport({ dest: file, append: false, callerWrites, onError: () => {} });
      await transport.ready;
      const log = createLogger({ transport });
      const RECORDS = 120;
      // About 120 bytes each: past the room left within the first few dozen.
      await logSpaced(log, 0, RECORDS / 2);
      rmSync(filler);
      await logSpaced(log, RECORDS / 2, RECORDS / 2);
      await transport.flush();
      const lines = fileLines(file);
      for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `a torn line: ${line}`);
      assertExactlySeq(readRecords(file), RECORDS);
      const stats = transport.stats();
      assert.equal(stats.recordsWritten, RECORDS);
    } finally {
      await transport?.close();
      // Lazily: a failed assertion above must not be hidden by a mount still in use.
      execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
    }
  });
}
