/**
 * Several targets in one transport vs a single target, in the same run: records per second from the
 * first call until every target has written everything (`transport.flush()`), the reference record logged
 * through the object API, one record in four at warn. Each configuration's median of interleaved rounds.
 *
 * - single file: one JSON target (the worker's fast path: whole runs of records copied, no per-record
 *   work);
 * - file + /dev/null at warn: two JSON targets at different levels (records routed one by one by the
 *   level in their ring header, no parsing);
 * - file + /dev/null as logfmt: the second target in a distinct format (each record parsed once and
 *   rendered once in logfmt by the worker).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger } from '@sluice/core';
import { createTransport, type TransportOptions } from '@sluice/transport';
import { REFERENCE_MESSAGE } from '../../fixtures/reference-record.js';
import { type MultiTargetRun, reportResult } from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-multi-target-'));

interface Config {
  readonly label: string;
  readonly options: (file: string) => TransportOptions;
}

const CONFIGS: readonly Config[] = [
  { label: 'single target: file (json)', options: (file) => ({ dest: file }) },
  {
    label: 'file (json) + /dev/null at warn (json)',
    options: (file) => ({ targets: [{ dest: file }, { dest: '/dev/null', level: 'warn' }] }),
  },
  {
    label: 'file (json) + /dev/null (logfmt)',
    options: (file) => ({ targets: [{ dest: file }, { dest: '/dev/null', format: 'logfmt' }] }),
  },
];

async function measure(config: Config, records: number, index: number): Promise<MultiTargetRun> {
  const file = join(dir, `run-${index}.log`);
  const transport = createTransport(config.options(file));
  await transport.ready;
  const log = createLogger({ transport });
  const call = (i: number) => {
    const fields = { iteration: i, batch: 'performance_test', user_id: 12345, success: true };
    if ((i & 3) === 3) log.warn(REFERENCE_MESSAGE, fields);
    else log.info(REFERENCE_MESSAGE, fields);
  };
  // Warm-up: the worker's code paths and the file's first blocks.
  for (let i = 0; i < 5_000; i++) call(i);
  await transport.flush();
  const start = performance.now();
  for (let i = 0; i < records; i++) call(i);
  await transport.flush();
  const elapsedMs = performance.now() - start;
  await transport.close();
  return {
    label: config.label,
    records,
    recordsPerSecond: records / (elapsedMs / 1000),
    fileBytes: statSync(file).size,
    recordsRendered: transport.stats().recordsRendered,
  };
}

const quick = settingsFromArgv().zeroAllocRecords < 10_000_000;
const records = quick ? 30_000 : 300_000;
// Rounds interleave the configurations, so a noisy spell of the machine hits all of them; each reports
// its median round.
const rounds = quick ? 3 : 5;
const measured: MultiTargetRun[][] = CONFIGS.map(() => []);
for (let round = 0; round < rounds; round++) {
  for (const [index, config] of CONFIGS.entries())
    measured[index].push(await measure(config, records, index));
}
const runs = measured.map((all) => {
  const sorted = [...all].sort((a, b) => a.recordsPerSecond - b.recordsPerSecond);
  return sorted[sorted.length >> 1];
});
rmSync(dir, { recursive: true, force: true });
await reportResult({
  kind: 'multi-target',
  name: 'multi-target',
  description: `${records.toLocaleString('en-US')} reference records (1 in 4 at warn) through one transport, one vs two targets; median of ${rounds} interleaved rounds`,
  runs,
});
