/**
 * The shared body of every comparison scenario: the scenario file says what one call is for sluice
 * and for pino; this checks both calls write what they should, then measures each logger on each sink
 * in the same process, and reports.
 */
import type { Logger } from '@sluice/core';
import { measure } from 'mitata';
import {
  type CaseRunner,
  drainedCaseRunner,
  measureWriteFloor,
  syncCaseRunner,
  type TimedRound,
} from './measure-case.js';
import type { CaseResult, ComparisonResult, LoggerName, SinkGroupResult } from './result.js';
import { reportResult } from './result.js';
import { type MeasureSettings, settingsFromArgv } from './settings.js';
import {
  capturePino,
  captureSluice,
  type OpenLogger,
  openPino,
  openSluice,
  type PinoLogger,
  SINKS,
  type SinkSpec,
} from './sinks.js';
import { ratio, summarize } from './stats.js';

export interface ComparisonScenario {
  /** The file's name: what `--filter` selects. */
  readonly name: string;
  /** The call measured, as code. */
  readonly description: string;
  /** Both loggers' level. Defaults to `'info'`. */
  readonly level?: string;
  /** Records one call writes: 1, or 0 for a disabled level. Defaults to 1. */
  readonly recordsPerCall?: 0 | 1;
  /** Set-up done once per logger and sink (a child, a precompiled event); returns one log call. */
  readonly sluice: (log: Logger) => () => void;
  readonly pino: (log: PinoLogger) => () => void;
}

/** Runs a comparison scenario in this process and reports the result. */
export async function runComparison(
  scenario: ComparisonScenario,
  settings: MeasureSettings = settingsFromArgv(),
): Promise<void> {
  const level = scenario.level ?? 'info';
  const sampleRecords = {
    sluice: checkCall('sluice', scenario, () => {
      const { log, lines } = captureSluice(level);
      return { call: scenario.sluice(log), lines };
    }),
    pino: checkCall('pino', scenario, () => {
      const { log, lines } = capturePino(level);
      return { call: scenario.pino(log), lines };
    }),
  };
  const floorNs = (await measure(() => {}, { min_cpu_time: Math.min(settings.minCpuTimeMs, 100) * 1e6 })).avg;

  const writeFloorNs = await measureWriteFloor(settings);
  const writesRecords = (scenario.recordsPerCall ?? 1) > 0;
  const groups: SinkGroupResult[] = [];
  for (const sink of SINKS) groups.push(await compareOnSink(scenario, sink, writesRecords, settings));

  const result: ComparisonResult = {
    kind: 'comparison',
    name: scenario.name,
    description: scenario.description,
    sampleRecords,
    floorNs,
    writeFloorNs,
    groups,
  };
  await reportResult(result);
}

/**
 * Both loggers on one sink, open side by side: timed in alternating rounds (sluice first in even
 * rounds, pino first in odd ones), then their heap per call measured.
 */
async function compareOnSink(
  scenario: ComparisonScenario,
  sink: SinkSpec,
  writesRecords: boolean,
  settings: MeasureSettings,
): Promise<SinkGroupResult> {
  const level = scenario.level ?? 'info';
  const sluice = openSluice(sink.kind, level);
  const pino = openPino(sink.kind, level);
  try {
    const runners: Record<LoggerName, CaseRunner> = {
      sluice: await caseRunner(scenario.sluice(sluice.log), sluice, sink, writesRecords, settings),
      pino: await caseRunner(scenario.pino(pino.log), pino, sink, writesRecords, settings),
    };
    const rounds: Record<LoggerName, TimedRound[]> = { sluice: [], pino: [] };
    const perRoundMs = settings.minCpuTimeMs / settings.rounds;
    for (let round = 0; round < settings.rounds; round++) {
      const order: readonly LoggerName[] = round % 2 === 0 ? ['sluice', 'pino'] : ['pino', 'sluice'];
      for (const logger of order) rounds[logger].push(await runners[logger].time(perRoundMs));
    }
    const sluiceCase = await caseResult('sluice', runners.sluice, rounds.sluice);
    const pinoCase = await caseResult('pino', runners.pino, rounds.pino);
    return {
      sink: sink.kind,
      title: sink.title,
      setup: { sluice: sink.sluice, pino: sink.pino },
      cases: [sluiceCase, pinoCase],
      ratio: ratio(sluiceCase.nsPerCall.mean, pinoCase.nsPerCall.mean),
    };
  } finally {
    await sluice.close();
    await pino.close();
  }
}

function caseRunner<L>(
  call: () => void,
  opened: OpenLogger<L>,
  sink: SinkSpec,
  writesRecords: boolean,
  settings: MeasureSettings,
): Promise<CaseRunner> | CaseRunner {
  if (sink.kind === 'noop') return syncCaseRunner(call, settings);
  return drainedCaseRunner(call, () => opened.drained(), writesRecords, settings);
}

/** Pools a logger's rounds into one result and measures its heap per call. */
async function caseResult(
  logger: LoggerName,
  runner: CaseRunner,
  rounds: readonly TimedRound[],
): Promise<CaseResult> {
  const heapEstimates = rounds.flatMap((round) =>
    round.mitataHeapBytesPerCall === null ? [] : [round.mitataHeapBytesPerCall],
  );
  return {
    logger,
    nsPerCall: summarize(rounds.flatMap((round) => round.samples)),
    roundMeansNs: rounds.map((round) => summarize(round.samples).mean),
    timedCalls: rounds.reduce((total, round) => total + round.calls, 0),
    heap: await runner.heap(),
    mitataHeapBytesPerCall: heapEstimates.length === 0 ? null : summarize(heapEstimates).mean,
  };
}

/**
 * Makes the scenario's call twice on a logger that keeps its output and checks it wrote the expected
 * number of JSON records, so a broken call is never timed as a fast one. Returns the first record.
 */
function checkCall(
  logger: LoggerName,
  scenario: ComparisonScenario,
  open: () => { call: () => void; lines: string[] },
): string | null {
  const { call, lines } = open();
  call();
  call();
  const expected = 2 * (scenario.recordsPerCall ?? 1);
  const records = lines.join('').split('\n').filter(Boolean);
  if (records.length !== expected) {
    throw new Error(
      `${scenario.name}: two ${logger} calls wrote ${records.length} records, expected ${expected}`,
    );
  }
  for (const record of records) JSON.parse(record);
  return records.length === 0 ? null : records[0];
}
