import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const fixture = fileURLToPath(new URL('../test/fixtures/count-scavenges.mjs', import.meta.url));
const RECORDS = 1_000_000;
/** The fixture fixes the semi-space at 1 MiB: a scavenge per MiB allocated. */
const SEMI_SPACE_BYTES = 1024 * 1024;

/** Scavenges while `RECORDS` records of `api` go through the default destination (stdout, sync). */
function scavengesWhileLogging(api: 'event' | 'info'): number {
  const devNull = openSync('/dev/null', 'w');
  try {
    const run = spawnSync(
      process.execPath,
      ['--min-semi-space-size=1', '--max-semi-space-size=1', fixture, api, String(RECORDS)],
      { cwd: packageRoot, stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stderr.trim().split('\n').at(-1) ?? '') as { scavenges: number };
    return report.scavenges;
  } finally {
    closeSync(devNull);
  }
}

test('the default destination writes a million precompiled events without a scavenge', () => {
  assert.equal(scavengesWhileLogging('event'), 0);
});

test("the default destination writes the object API's scalar fields in at most 16 bytes of heap a record", () => {
  const scavenges = scavengesWhileLogging('info');
  const bytesPerRecord = (scavenges * SEMI_SPACE_BYTES) / RECORDS;
  assert.ok(bytesPerRecord <= 16, `${scavenges} scavenges: about ${bytesPerRecord.toFixed(1)} B a record`);
});
