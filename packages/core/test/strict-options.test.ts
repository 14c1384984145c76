import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createLogger, destination, SluiceConfigError } from '../dist/esm/index.js';
import { assertConfigError } from './support/config-error.js';
import { RecordCollector } from './support/record-collector.js';

// In JavaScript a misspelt option is not a type error: it must throw, naming the key and the nearest
// valid one, rather than be ignored (a misspelt `redact.paths` would write the secret in clear).

const dir = mkdtempSync(join(tmpdir(), 'sluice-strict-options-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function assertUnknownKey(action: () => unknown, key: string, where: string, suggestion?: string): void {
  const mentions = [`unknown option '${key}' in ${where}`];
  if (suggestion !== undefined) mentions.push(`did you mean '${suggestion}'?`);
  assertConfigError(action, mentions);
}

const quiet = () => new RecordCollector();
type Loose = any;

describe('unknown option names throw SluiceConfigError with the nearest valid name', () => {
  test('createLogger options', () => {
    assertUnknownKey(
      () => createLogger({ levle: 'debug', destination: quiet() } as Loose),
      'levle',
      'createLogger options',
      'level',
    );
  });

  test('child options', () => {
    const log = createLogger({ destination: quiet() });
    assertUnknownKey(() => log.child({}, { levle: 'debug' } as Loose), 'levle', 'child options', 'level');
  });

  test('redact options: a misspelt paths never writes the secret', () => {
    const sink = quiet();
    assertUnknownKey(
      () => createLogger({ destination: sink, redact: { path: ['password'] } as Loose }),
      'path',
      'redact options',
      'paths',
    );
    assert.equal(sink.records().length, 0);
  });

  test('limits and keys', () => {
    assertUnknownKey(
      () => createLogger({ destination: quiet(), limits: { dept: 3 } as Loose }),
      'dept',
      'limits',
      'depth',
    );
    assertUnknownKey(
      () => createLogger({ destination: quiet(), keys: { mesage: 'm' } as Loose }),
      'mesage',
      'keys',
    );
  });

  test('destination options, through destination() and createLogger', () => {
    const path = join(dir, 'a.log');
    assertUnknownKey(
      () => destination({ dest: path, mkdirs: true } as Loose),
      'mkdirs',
      'destination options',
      'mkdir',
    );
    assertUnknownKey(
      () => createLogger({ destination: { dest: path, snyc: false } as Loose }),
      'snyc',
      'destination options',
      'sync',
    );
  });

  test('a key with no near match lists the valid names', () => {
    assert.throws(
      () => createLogger({ destination: quiet(), zzzzzzzz: 1 } as Loose),
      (error: Error) => error instanceof SluiceConfigError && /valid options: .*'level'/.test(error.message),
    );
  });

  test('a key set to undefined asks for nothing and is accepted (fastify passes logger: undefined)', () => {
    const log = createLogger({ destination: quiet(), levle: undefined } as Loose);
    log.child({}, { logger: undefined, genReqId: undefined, serializers: {} } as Loose).info('ok');
  });

  test('every documented option is accepted', () => {
    const log = createLogger({
      name: 'n',
      level: 'info',
      customLevels: { audit: 35 },
      base: null,
      format: 'json',
      timestamp: 'epoch',
      keys: { level: 'level', time: 'time', message: 'msg', error: 'err' } as Loose,
      destination: quiet(),
      redact: { paths: ['a'], keys: ['b'], censor: 'x' },
      serializers: {},
      limits: { depth: 3, stringLength: 10, arrayLength: 10, objectKeys: 10 },
      clock: { now: () => 0 },
    });
    log.child({ a: 1 }, { level: 'debug', serializers: {} }).info('ok');
  });
});

describe('createLogger rejects a transport or level it cannot use', () => {
  test('transport: {} throws instead of falling back to stdout', () => {
    assert.throws(() => createLogger({ transport: {} as Loose }), SluiceConfigError);
  });

  for (const level of [-5, 1.5, Number.NaN, Number.NEGATIVE_INFINITY]) {
    test(`level: ${level} throws`, () => {
      assert.throws(() => createLogger({ destination: quiet(), level }), SluiceConfigError);
    });
  }

  test('a non-negative integer level and silent are accepted', () => {
    createLogger({ destination: quiet(), level: 0 });
    createLogger({ destination: quiet(), level: 35 });
    createLogger({ destination: quiet(), level: 'silent' });
  });
});
