/**
 * Records that trickle: one record every 1, 10 and 100 ms, and none at all, for a few seconds each,
 * through the loggers that write from a thread of their own (sluice's transport, pino.transport; pino's
 * async destination writes through libuv's pool), and the same loop with no log call (`no logging`).
 * Reported, from schedstat, per second of wall time and per record: the CPU of the logger's own threads
 * (those that appeared while it was opened and warmed up: its sink worker), of every thread but the
 * caller's and the other loggers' own (its own, libuv's pool, V8's GC helpers; every logger stays open
 * for the whole run), and of the caller's, which does a logger's writing where it writes from the
 * thread that logs. Less the no-logging loop's, caller plus others is what logging cost wherever it ran.
 * A sink that sleeps until it is needed costs next to nothing here; a periodic timer shows up as CPU
 * that does not shrink with the rate. The configurations take turns at each rate, in rotating order.
 */
import { closeSync, openSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { readSchedCpu, readThreadsSchedNs } from '../../harness/cpu-time.js';
import {
  reportResult,
  TRICKLE_NO_LOGGING,
  TRICKLE_TO_A_PIPE,
  type TrickleRow,
} from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';
import { stalledFifo } from '../../harness/stalled-fifo.js';
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
const TURN_MS = quick ? 300 : 4_000;
const ROUNDS = quick ? 1 : 2;
const PAUSE_MS = quick ? 50 : 500;

let iteration = 0;

// libuv's pool starts at the first asynchronous fs call: before any logger, so it is nobody's own.
await stat('.');

/** A logger, opened and warmed up, with the threads that appeared meanwhile (its own). */
async function open(opening: () => Promise<TransportContender>): Promise<{
  contender: TransportContender;
  ownThreads: ReadonlySet<string>;
}> {
  const before = new Set(readThreadsSchedNs().keys());
  const contender = await opening();
  for (let i = 0; i < 1_000; i++) contender.call(iteration++);
  await contender.flush();
  await sleep(100);
  const ownThreads = new Set([...readThreadsSchedNs().keys()].filter((id) => !before.has(id)));
  return { contender, ownThreads };
}

/** The same loop with no log call: what the loop, its timers and the process cost without logging. */
const noLogging: TransportContender = {
  label: TRICKLE_NO_LOGGING,
  call: () => {},
  callChild: null,
  flush: async () => {},
  close: async () => {},
  dropped: () => null,
};

// A pipe, as a container's stdout is: a FIFO whose reader (a child process) reads and discards.
const pipe = stalledFifo(0);
// Each logger its own descriptor: pino's writer closes the one it is given when it ends. The first
// open waits for the reader's (a FIFO's two ends open together), which then says it is open.
const sluicePipeFd = openSync(pipe.path, 'w');
const pinoPipeFd = openSync(pipe.path, 'w');
await pipe.opened;

const opened = [
  { contender: noLogging, ownThreads: new Set<string>() },
  await open(() => openSluiceTransport('/dev/null')),
  await open(() => openSluiceTransportEvent('/dev/null')),
  await open(() => openPinoTransport('/dev/null')),
  await open(() => openPinoAsync('/dev/null')),
  await open(() => openSluiceTransport({ fd: sluicePipeFd, label: TRICKLE_TO_A_PIPE })),
  await open(() => openPinoTransport({ fd: pinoPipeFd, label: TRICKLE_TO_A_PIPE })),
];
const contenders = opened.map((entry) => entry.contender);
const ownThreadsOf = new Map(opened.map((entry) => [entry.contender, entry.ownThreads]));
/**
 * Per contender, the other loggers' own threads: left out of its "other threads". Idle as they are in
 * its turn, they still run what their loggers' last turns set going (a worker isolate's collections
 * seconds later), which would be charged to whichever turn comes next, the same one in every round.
 */
const othersOwnThreadsOf = new Map(
  opened.map((entry) => [
    entry.contender,
    new Set(opened.filter((other) => other !== entry).flatMap((other) => [...other.ownThreads])),
  ]),
);

/** On-CPU nanoseconds of `threads`, from a reading of every thread. */
function sumOf(reading: ReadonlyMap<string, number>, threads: ReadonlySet<string>): number {
  let ns = 0;
  for (const id of threads) ns += reading.get(id) ?? 0;
  return ns;
}

/** One turn: a record every `intervalMs` for TURN_MS; the CPU of its threads, the others and the caller. */
async function turn(
  contender: TransportContender,
  intervalMs: number,
): Promise<{ records: number; othersNs: number; ownNs: number; callerNs: number; wallNs: number }> {
  const own = ownThreadsOf.get(contender) ?? new Set<string>();
  const othersOwn = othersOwnThreadsOf.get(contender) ?? new Set<string>();
  const threadsBefore = readThreadsSchedNs();
  const ownBefore = sumOf(threadsBefore, own);
  const othersOwnBefore = sumOf(threadsBefore, othersOwn);
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
  const threadsAfter = readThreadsSchedNs();
  const ownNs = sumOf(threadsAfter, own) - ownBefore;
  const othersOwnNs = sumOf(threadsAfter, othersOwn) - othersOwnBefore;
  const othersNs =
    before === null || after === null
      ? Number.NaN
      : after.processNs - after.threadNs - (before.processNs - before.threadNs) - othersOwnNs;
  const callerNs = before === null || after === null ? Number.NaN : after.threadNs - before.threadNs;
  return { records, othersNs, ownNs, callerNs, wallNs };
}

interface Tally {
  readonly label: string;
  readonly intervalMs: number;
  records: number;
  readonly ownThreads: number;
  readonly othersPerSecond: number[];
  readonly othersPerRecord: number[];
  readonly ownPerSecond: number[];
  readonly ownPerRecord: number[];
  readonly callerPerSecond: number[];
  readonly callerPerRecord: number[];
}

const rows = new Map<string, Tally>();
for (let round = 0; round < ROUNDS; round++) {
  for (const intervalMs of INTERVALS_MS) {
    for (let k = 0; k < contenders.length; k++) {
      const contender = contenders[(k + round) % contenders.length];
      // Idle is idle whatever the destination: the pipe's loggers take the turns with records only.
      if (intervalMs === 0 && contender.label.endsWith(TRICKLE_TO_A_PIPE)) continue;
      await sleep(PAUSE_MS);
      const { records, othersNs, ownNs, callerNs, wallNs } = await turn(contender, intervalMs);
      const key = `${contender.label}@${intervalMs}`;
      const row = rows.get(key) ?? {
        label: contender.label,
        intervalMs,
        records: 0,
        ownThreads: ownThreadsOf.get(contender)?.size ?? 0,
        othersPerSecond: [],
        othersPerRecord: [],
        ownPerSecond: [],
        ownPerRecord: [],
        callerPerSecond: [],
        callerPerRecord: [],
      };
      row.records += records;
      row.othersPerSecond.push(othersNs / (wallNs / 1e9));
      row.ownPerSecond.push(ownNs / (wallNs / 1e9));
      row.callerPerSecond.push(callerNs / (wallNs / 1e9));
      if (records > 0) {
        row.othersPerRecord.push(othersNs / records);
        row.ownPerRecord.push(ownNs / records);
        row.callerPerRecord.push(callerNs / records);
      }
      rows.set(key, row);
    }
  }
}
for (const contender of contenders) await contender.close();
closeSync(sluicePipeFd);
pipe.remove();

await reportResult({
  kind: 'trickle',
  name: 'trickle',
  description: `one record every 1, 10, 100 ms and none, and the same loop with no log call, ${TURN_MS / 1_000} s per turn, ${ROUNDS} rotating round(s), to /dev/null, and for sluice's transport and pino.transport also to a pipe (a FIFO a child process reads, as a container's stdout)`,
  rows: [...rows.values()].map(
    (row): TrickleRow => ({
      label: row.label,
      intervalMs: row.intervalMs,
      records: row.records,
      othersNsPerSecond: row.othersPerSecond,
      othersNsPerRecord: row.othersPerRecord,
      ownThreads: row.ownThreads,
      ownNsPerSecond: row.ownPerSecond,
      ownNsPerRecord: row.ownPerRecord,
      callerNsPerSecond: row.callerPerSecond,
      callerNsPerRecord: row.callerPerRecord,
    }),
  ),
});
