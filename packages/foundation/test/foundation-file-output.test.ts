import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { getLogger, setupTelemetry, shutdownTelemetry } from '../dist/esm/index.js';

test('logFile: records are appended to the file, parent directories created', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-foundation-'));
  try {
    const file = join(dir, 'nested', 'deeper', 'app.log');
    setupTelemetry({
      env: {},
      logging: {
        logFile: file,
        omitTimestamp: true,
        consoleFormatter: 'json',
        loggerNameEmojiPrefixEnabled: false,
      },
    });
    getLogger('file').info('first', { n: 1 });
    getLogger('file').info('second');
    await shutdownTelemetry();
    assert.equal(
      readFileSync(file, 'utf8'),
      '{"n":1,"event":"first","level":"info","logger_name":"file"}\n' +
        '{"event":"second","level":"info","logger_name":"file"}\n',
    );
    // SLUICE_LOG_FILE appends to the same file.
    setupTelemetry({
      env: { SLUICE_LOG_FILE: file, SLUICE_LOG_OMIT_TIMESTAMP: '1', SLUICE_LOG_DAS_EMOJI_ENABLED: 'no' },
      logging: { loggerNameEmojiPrefixEnabled: false },
    });
    getLogger('file').warning('third');
    await shutdownTelemetry();
    assert.match(readFileSync(file, 'utf8'), /\n\[warning {2}\] third\n$/);
  } finally {
    setupTelemetry({ env: {}, destination: { write: () => {} } });
    rmSync(dir, { recursive: true, force: true });
  }
});
