import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as core from '@sluice/core';
import { configErrorAssertion } from '@sluice/test-support/config-error';
import { attachTransport, createTransport, type TransportOptions } from '../dist/esm/index.js';
import { tempDir } from './support/records.js';

// Bad options throw SluiceConfigError from createTransport itself, naming the bad value and the valid
// choices, before any sink worker starts (a worker that cannot start would die and be restarted forever).

const dir = tempDir('config-errors');
const file = join(dir, 'ok.log');

/** Against the classes of the @sluice/core the transport throws from. */
const assertConfigError = configErrorAssertion(core);

const create = (options: Record<string, unknown>) =>
  createTransport({ dest: file, ...options } as TransportOptions);

describe('createTransport option errors name the bad value and the valid choices', () => {
  const policies = ['"block"', '"drop"', '"shed"'];
  const levels = ['"trace"', '"debug"', '"info"', '"warn"', '"error"', '"fatal"'];
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['unknown policy', { policy: 'fast' }, ['policy', '"fast"', ...policies]],
    ['policy of the wrong case', { policy: 'Drop' }, ['"Drop"', ...policies]],
    ['policy a number', { policy: 1 }, ['policy', '1', ...policies]],
    [
      'ringBytes not a power of two',
      { ringBytes: 100_000 },
      ['ringBytes', '100000', 'power of two', '65536'],
    ],
    ['ringBytes too small', { ringBytes: 32_768 }, ['ringBytes', '32768', '65536 (64 KiB)']],
    ['ringBytes too large', { ringBytes: 2 ** 31 }, ['ringBytes', '2147483648', '1 GiB']],
    ['ringBytes as a string', { ringBytes: '65536' }, ['ringBytes', '"65536"', 'power of two']],
    ['ringBytes NaN', { ringBytes: Number.NaN }, ['ringBytes', 'NaN']],
    ['unknown shedBelow', { shedBelow: 'verbose' }, ['shedBelow', '"verbose"', 'a level number', ...levels]],
    ['shedBelow of the wrong case', { shedBelow: 'WARN' }, ['"WARN"', ...levels]],
    ['shedBelow NaN', { shedBelow: Number.NaN }, ['shedBelow', ...levels]],
    [
      'stallTimeoutMs zero',
      { stallTimeoutMs: 0 },
      ['stallTimeoutMs', '0', 'positive number of milliseconds'],
    ],
    ['stallTimeoutMs negative', { stallTimeoutMs: -5 }, ['stallTimeoutMs', '-5', 'positive']],
    ['stallTimeoutMs as a string', { stallTimeoutMs: '100' }, ['stallTimeoutMs', '"100"', 'positive']],
    ['callerWrites as a string', { callerWrites: 'yes' }, ['callerWrites', '"yes"', 'true or false']],
    ['stallTimeoutMs NaN', { stallTimeoutMs: Number.NaN }, ['stallTimeoutMs', 'NaN']],
    ['exitTimeoutMs zero', { exitTimeoutMs: 0 }, ['exitTimeoutMs', '0', 'positive']],
    ['blockTimeoutMs zero', { blockTimeoutMs: 0 }, ['blockTimeoutMs', '0', 'positive']],
    ['blockTimeoutMs as a string', { blockTimeoutMs: '5000' }, ['blockTimeoutMs', '"5000"', 'positive']],
    ['dest empty', { dest: '' }, ['dest', '""', 'file descriptor', 'file path']],
    ['dest negative fd', { dest: -1 }, ['dest', '-1', 'file descriptor']],
    ['dest fractional fd', { dest: 1.5 }, ['dest', '1.5']],
    ['dest of the wrong type', { dest: {} }, ['dest', '{}', 'file path']],
    [
      'dest in a missing directory',
      { dest: join(dir, 'missing', 'x.log') },
      ['Cannot open log file', 'missing', 'ENOENT', 'mkdir: true'],
    ],
    [
      'dest in a missing directory, truncating',
      { dest: join(dir, 'missing', 'x.log'), append: false },
      ['Cannot open log file', 'ENOENT'],
    ],
    ['dest a directory', { dest: dir }, ['Cannot open log file', 'EISDIR']],
    ['unknown format of its own records', { format: 'xml' }, ['format', '"xml"', '"json"', '"logfmt"']],
    ['unknown timestamp', { timestamp: 'unix' }, ['timestamp', '"unix"', '"epoch"', '"iso"']],
    ['empty key name', { keys: { message: '' } }, ['keys.message', '""']],
  ];
  for (const [name, options, mentions] of cases) {
    test(name, () => void assertConfigError(() => create(options), mentions));
  }

  test('a missing directory is created with mkdir: true', async () => {
    const transport = createTransport({ dest: join(dir, 'made', 'x.log'), mkdir: true });
    await transport.close();
  });
});

describe('bad targets name the bad value and the valid choices', () => {
  const formats = ['"json"', '"logfmt"', '"key_value"', '"pretty"'];
  const types = ['"fd"', '"file"', '"rotating-file"'];
  const rotating = (extra: Record<string, unknown>) => ({
    targets: [
      { dest: { type: 'rotating-file', path: join(dir, 'r.log'), keep: 2, maxBytes: 1000, ...extra } },
    ],
  });
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['targets not an array', { targets: 'file' }, ['targets', '"file"', 'non-empty array']],
    ['targets empty', { targets: [] }, ['targets', '[]', 'non-empty array']],
    ['a target not an object', { targets: [null] }, ['targets[0]', 'null', '{ dest, level, format }']],
    [
      'unknown target format',
      { targets: [{ dest: 1, format: 'yaml' }] },
      ['targets[0].format', '"yaml"', ...formats],
    ],
    [
      'unknown target level',
      { targets: [{ dest: 1, level: 'loud' }] },
      ['targets[0].level', '"loud"', '"warn"'],
    ],
    ['level from the prototype', { targets: [{ dest: 1, level: 'constructor' }] }, ['"constructor"']],
    ['a target without dest', { targets: [{ level: 'info' }] }, ['targets[0].dest', 'file path']],
    [
      'unknown dest type',
      { targets: [{ dest: { type: 'socket' } }] },
      ['targets[0].dest.type', '"socket"', ...types],
    ],
    ['dest object without type', { targets: [{ dest: { path: 'x' } }] }, ['targets[0].dest', ...types]],
    [
      'fd not an integer',
      { targets: [{ dest: { type: 'fd', fd: 'one' } }] },
      ['targets[0].dest.fd', '"one"'],
    ],
    ['file without a path', { targets: [{ dest: { type: 'file' } }] }, ['targets[0].dest.path', 'file path']],
    [
      'file mode out of range',
      { targets: [{ dest: { type: 'file', path: file, mode: 0o10000 } }] },
      ['mode', '4096', '0o640'],
    ],
    [
      'file append not a boolean',
      { targets: [{ dest: { type: 'file', path: file, append: 'no' } }] },
      ['append', '"no"', 'true or false'],
    ],
    ['rotating-file keep missing', rotating({ keep: undefined }), ['keep', 'positive integer']],
    ['rotating-file keep zero', rotating({ keep: 0 }), ['keep', '0']],
    ['rotating-file maxBytes negative', rotating({ maxBytes: -5 }), ['maxBytes', '-5', 'positive integer']],
    ['rotating-file bad interval', rotating({ interval: '1w' }), ['interval', '"1w"', '"1h"', '"1d"']],
    ['rotating-file interval too short', rotating({ interval: 10 }), ['interval', '10', '>= 1000']],
    ['rotating-file with neither limit', rotating({ maxBytes: undefined }), ['maxBytes, interval, or both']],
    ['rotating-file gzip not a boolean', rotating({ gzip: 1 }), ['gzip', '1', 'true or false']],
    [
      'a logfmt ring with a json target',
      { format: 'logfmt', targets: [{ dest: 1, format: 'json' }] },
      ['targets[0].format', '"json"', '"logfmt"'],
    ],
    ['dest together with targets', { dest: 1, targets: [{ dest: 2 }] }, ['dest', 'targets']],
    ['reopenOn not an array', { reopenOn: 'SIGHUP' }, ['reopenOn', '"SIGHUP"', '"SIGUSR2"']],
    [
      'reopenOn an unknown signal',
      { reopenOn: ['SIGTERM'] },
      ['reopenOn', '"SIGTERM"', '"SIGHUP"', '"SIGUSR2"'],
    ],
    [
      'a target file in a missing directory',
      { targets: [{ dest: join(dir, 'nope', 'x.log') }] },
      ['Cannot open log file', 'ENOENT', 'mkdir: true'],
    ],
  ];
  for (const [name, options, mentions] of cases) {
    test(name, () => void assertConfigError(() => createTransport(options as TransportOptions), mentions));
  }
});

describe('handles', () => {
  test('handle({ threads }) out of range', async () => {
    const transport = createTransport({ dest: file });
    try {
      for (const threads of [0, -1, 1.5, 257]) {
        assertConfigError(() => transport.handle({ threads }), ['threads', String(threads), '1 to 256']);
      }
    } finally {
      await transport.close();
    }
  });

  test('attachTransport() with something that is not a handle', () => {
    assertConfigError(() => attachTransport({} as never), ['transport.handle()']);
  });
});
