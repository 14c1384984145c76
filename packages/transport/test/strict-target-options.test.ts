import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createLogger, SluiceConfigError } from '@sluice/core';
import { createTransport, type TransportOptions } from '../dist/esm/index.js';
import { readRecords, tempDir } from './support/records.js';

// In JavaScript a misspelt option is not a type error: createTransport must throw, naming the key and
// the nearest valid one, before any worker starts, rather than run with the option silently ignored.

const dir = tempDir('strict-target-options');
const file = join(dir, 'ok.log');

function assertUnknownKey(
  options: Record<string, unknown>,
  key: string,
  where: string,
  suggestion: string,
): void {
  assert.throws(
    () => createTransport(options as TransportOptions),
    (error: unknown) => {
      assert.ok(error instanceof SluiceConfigError, `expected SluiceConfigError, got ${String(error)}`);
      const expected = `unknown option '${key}' in ${where}; did you mean '${suggestion}'?`;
      assert.ok(error.message.includes(expected), `${JSON.stringify(error.message)} includes ${expected}`);
      return true;
    },
  );
}

describe('unknown option names throw SluiceConfigError with the nearest valid name', () => {
  test('createTransport options', () => {
    assertUnknownKey({ dest: file, polcy: 'drop' }, 'polcy', 'createTransport options', 'policy');
  });

  test('a target', () => {
    assertUnknownKey({ targets: [{ dest: file, levle: 'warn' }] }, 'levle', 'targets[0]', 'level');
  });

  test('each destination kind', () => {
    assertUnknownKey({ dest: { type: 'fd', fd: 1, fdd: 2 } }, 'fdd', 'dest', 'fd');
    assertUnknownKey({ dest: { type: 'file', path: file, apend: false } }, 'apend', 'dest', 'append');
    assertUnknownKey(
      { targets: [{ dest: { type: 'rotating-file', path: file, maxBytes: 1e6, keep: 2, gzpi: true } }] },
      'gzpi',
      'targets[0].dest',
      'gzip',
    );
    assertUnknownKey(
      { targets: [{ dest: { type: 'syslog', prot: 514 } }] },
      'prot',
      'syslog options',
      'port',
    );
  });

  test('a level option inside a syslog destination is not silently ignored', () => {
    assert.throws(
      () =>
        createTransport({
          targets: [{ dest: { type: 'syslog', level: 'warn' } }],
        } as unknown as TransportOptions),
      SluiceConfigError,
    );
  });

  test('a target level that is negative or fractional', () => {
    for (const level of [-5, 1.5]) {
      assert.throws(() => createTransport({ targets: [{ dest: file, level }] }), SluiceConfigError);
    }
    assert.throws(() => createTransport({ dest: file, shedBelow: -5 }), SluiceConfigError);
  });
});

describe('a target with a string dest honours mkdir and append', () => {
  test('mkdir: true creates the missing directories of a target path', async () => {
    const path = join(dir, 'made', 'by', 'mkdir', 'app.log');
    const transport = createTransport({ targets: [{ dest: path, mkdir: true }] });
    const log = createLogger({ transport, base: null });
    log.info('in a new directory');
    await transport.close();
    assert.deepEqual(
      readRecords(path).map((r) => r.msg),
      ['in a new directory'],
    );
  });

  test('append: false truncates a target path once', async () => {
    const path = join(dir, 'truncated.log');
    writeFileSync(path, '{"msg":"old"}\n');
    const transport = createTransport({ targets: [{ dest: path, append: false }] });
    const log = createLogger({ transport, base: null });
    log.info('new');
    await transport.close();
    assert.deepEqual(
      readRecords(path).map((r) => r.msg),
      ['new'],
    );
  });

  test('mkdir on a target whose dest is not a path throws, pointing at the destination object', () => {
    assert.throws(
      () => createTransport({ targets: [{ dest: 1, mkdir: true }] } as unknown as TransportOptions),
      (error: unknown) => error instanceof SluiceConfigError && /mkdir/.test(error.message),
    );
  });
});
