/**
 * Records that trickle: one record every 1, 10 and 100 ms, and none at all, for a few seconds each,
 * through the loggers that write from a thread of their own (sluice's transport, pino.transport; pino's
 * async destination writes through libuv's pool). Reported: the CPU time of every thread other than the
 * caller's, per second of wall time and per record, read from schedstat. A sink that sleeps until it is
 * needed costs next to nothing here; a periodic timer shows up as CPU that does not shrink with the rate.
 * Every configuration is open for the whole run and they take turns at each rate, in rotating order.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { readSchedCpu } from '../../harness/cpu-time.js';
import { reportResult, type TrickleRow } from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';
import {
  openPinoAsync,
  openPinoTransport,
  openSluiceTransport,
  openSluiceTransportEvent,
  type TransportContender,
} from '../../harness/transport-contenders.js';

const quick = settingsFromArgv().quick;
/** Milliseconds between records; 0 is the idle row: no record at all. */
const INTERVALS_MS = [1, 10, 100, 0] as const;
const TURN_MS = quick ? 300 : 5_000;
const ROUNDS = quick ? 1 : 2;
const PAUSE_MS = quick ? 50 : 500;

const contenders: TransportContender[] = [
  await openSluiceTransport('/dev/null'),
  await openSluiceTransportEvent('/dev/null'),
  await openPinoTransport('/dev/null'),
  await openPinoAsync('/dev/null'),
];

let iteration = 0;

/** One turn: a record every `intervalMs` for TURN_MS; CPU of the other threads per second and record. */
async function turn(
  contender: TransportContender,
  intervalMs: number,
): Promise<{ records: number; othersNs: number; wallNs: number }> {
  const before = readSchedCpu();
  const started = process.hrtime.bigint();
  let records = 0;
  if (intervalMs === 0) {
    await sleep(TURN_MS);
  } else {
    const deadline = Date.now() + TURN_MS;
    while (Date.now() < deadline) {
      contender.call(iteration++);
      records++;
      await sleep(intervalMs);
    }
  }
  const wallNs = Number(process.hrtime.bigint() - started);
  const after = readSchedCpu();
  const othersNs =
    before === null || after === null
      ? Number.NaN
      : after.processNs - after.threadNs - (before.processNs - before.threadNs);
  return { records, othersNs, wallNs };
}

for (const contender of contenders) {
  for (let i = 0; i < 1_000; i++) contender.call(iteration++);
  await contender.flush();
}

interface Tally {
  readonly label: string;
  readonly intervalMs: number;
  records: number;
  readonly othersPerSecond: number[];
  readonly othersPerRecord: number[];
}

const rows = new Map<string, Tally>();
for (let round = 0; round < ROUNDS; round++) {
  for (const intervalMs of INTERVALS_MS) {
    for (let k = 0; k < contenders.length; k++) {
      const contender = contenders[(k + round) % contenders.length];
      await sleep(PAUSE_MS);
      const { records, othersNs, wallNs } = await turn(contender, intervalMs);
      const key = `${contender.label}@${intervalMs}`;
      const row = rows.get(key) ?? {
        label: contender.label,
        intervalMs,
        records: 0,
        othersPerSecond: [],
        othersPerRecord: [],
      };
      row.records += records;
      row.othersPerSecond.push(othersNs / (wallNs / 1e9));
      if (records > 0) row.othersPerRecord.push(othersNs / records);
      rows.set(key, row);
    }
  }
}
for (const contender of contenders) await contender.close();

await reportResult({
  kind: 'trickle',
  name: 'trickle',
  description: `one record every 1, 10, 100 ms and none, ${TURN_MS / 1_000} s per turn, ${ROUNDS} rotating round(s), to /dev/null`,
  rows: [...rows.values()].map(
    (row): TrickleRow => ({
      label: row.label,
      intervalMs: row.intervalMs,
      records: row.records,
      othersNsPerSecond: row.othersPerSecond,
      othersNsPerRecord: row.othersPerRecord,
    }),
  ),
});
