import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { test } from 'node:test';
import { parseLogfmtPairs } from '@sluice/test-support/line-parsers';
import { collectingLogger, onlyLine } from './support/collecting-logger.js';

// Every key the record or its base writes (pid, hostname, name, a custom base's keys) is renamed in a
// field as level and time are, so no field can forge it: JSON.parse and logfmt readers keep the last
// duplicate, and a field comes after the base.

/**
 * The top-level keys of a flat JSON line in the order written, duplicates included (JSON.parse keeps
 * only the last). The records here hold plain values only, so a key is any `"..."` after `{` or `,`.
 */
function jsonKeys(line: string): string[] {
  return [...line.matchAll(/[{,]"([^"\\]*)":/g)].map((match) => match[1]);
}

/** Each way a field reaches a record: call fields (both orders), a child's bindings, an event's schema. */
const FIELD_PATHS = [
  'info(fields, msg)',
  'info(msg, fields)',
  'child(bindings)',
  'event(msg, schema)',
] as const;

function logForged(
  log: ReturnType<typeof collectingLogger>['log'],
  path: (typeof FIELD_PATHS)[number],
  forged: Record<string, string>,
): void {
  if (path === 'info(fields, msg)') log.info(forged, 'm');
  else if (path === 'info(msg, fields)') log.info('m', forged);
  else if (path === 'child(bindings)') log.child(forged).info('m');
  else {
    const schema = Object.fromEntries(Object.keys(forged).map((key) => [key, 'string' as const]));
    (log.event('m', schema).info as (...values: string[]) => void)(...Object.values(forged));
  }
}

test('json: a field named pid, hostname or name is written as _pid, _hostname, _name; the base keys appear once', () => {
  for (const path of FIELD_PATHS) {
    const { log, lines } = collectingLogger({ base: undefined, name: 'app' });
    logForged(log, path, { pid: 'forged', hostname: 'forged', name: 'forged' });
    const line = onlyLine(lines);
    const keys = jsonKeys(line);
    for (const key of ['pid', 'hostname', 'name']) {
      assert.equal(keys.filter((k) => k === key).length, 1, `${path}: ${key} once in ${line}`);
    }
    const record = JSON.parse(line);
    assert.equal(record.pid, process.pid, path);
    assert.equal(record.hostname, hostname(), path);
    assert.equal(record.name, 'app', path);
    assert.deepEqual([record._pid, record._hostname, record._name], ['forged', 'forged', 'forged'], path);
  }
});

test("json: a custom base's keys are reserved too, and with base: null a field named pid is written as it is", () => {
  const custom = collectingLogger({ base: { service: 'billing', region: 'eu' } });
  custom.log.info({ service: 'forged', other: 1 }, 'm');
  const line = onlyLine(custom.lines);
  assert.deepEqual(jsonKeys(line), ['level', 'service', 'region', '_service', 'other', 'msg']);
  assert.equal(JSON.parse(line).service, 'billing');

  const bare = collectingLogger({ base: null });
  bare.log.info({ pid: 1, hostname: 'h' }, 'm');
  assert.deepEqual(JSON.parse(onlyLine(bare.lines)), { level: 30, pid: 1, hostname: 'h', msg: 'm' });
});

test('logfmt: a field named like a base key is renamed; each base key appears once', () => {
  for (const path of FIELD_PATHS) {
    const { log, lines } = collectingLogger({
      format: 'logfmt',
      base: { pid: 7, hostname: 'real' },
      name: 'app',
    });
    logForged(log, path, { pid: 'forged', hostname: 'forged', name: 'forged' });
    const line = onlyLine(lines).trimEnd();
    const pairs = parseLogfmtPairs(line);
    for (const key of ['pid', 'hostname', 'name']) {
      assert.equal(pairs.filter(([k]) => k === key).length, 1, `${path}: ${key} once in ${line}`);
    }
    const fields = new Map(pairs);
    assert.deepEqual(
      ['pid', 'hostname', 'name', '_pid', '_hostname', '_name'].map((key) => fields.get(key)),
      ['7', 'real', 'app', 'forged', 'forged', 'forged'],
      `${path}: ${line}`,
    );
  }
});
