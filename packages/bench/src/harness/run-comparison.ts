/**
 * The shared body of every comparison scenario: the scenario file says what one call is for each
 * logger; this checks every call writes what it should, then measures each logger on each sink in the
 * same process, and reports.
 */
import type { LevelName, Logger } from '@sluice/core';
import { measure } from 'mitata';
import type winston from 'winston';
import {
  type BunyanLogger,
  COMPETITOR_SETUP,
  COMPETITORS,
  type CompetitorLoggers,
  type CompetitorName,
  type JsonConsole,
  openCompetitor,
  type TemplateOut,
} from './competitors.js';
import { timerFloorNs } from './latency.js';
import {
  type CaseRunner,
  drainedCaseRunner,
  measureWriteFloor,
  syncCaseRunner,
  type TimedRound,
  yieldToEventLoop,
} from './measure-case.js';
import { alternatingRounds, gateProbeRounds, type ProbeRound } from './ratio-probe.js';
import type { CaseResult, ComparisonResult, LoggerName, SinkGroupResult } from './result.js';
import { reportResult } from './result.js';
import { type MeasureSettings, settingsFromArgv } from './settings.js';
import {
  capturePino,
  captureSluice,
  openLineSink,
  openPino,
  openSluice,
  type PinoLogger,
  SINKS,
  type SinkKind,
  type SinkSpec,
} from './sinks.js';
import { ratio, summarize } from './stats.js';

export interface ComparisonScenario {
  /** The file's name: what `--filter` selects. */
  readonly name: string;
  /** The call measured, as code. */
  readonly description: string;
  /** Every logger's level. Defaults to `'info'`. */
  readonly level?: LevelName;
  /** Records one call writes: 1, or 0 for a disabled level. Defaults to 1. */
  readonly recordsPerCall?: 0 | 1;
  /** Set-up done once per logger and sink (a child, a precompiled event); returns one log call. */
  readonly sluice: (log: Logger) => () => void;
  readonly pino: (log: PinoLogger) => () => void;
  readonly winston: (log: winston.Logger) => () => void;
  readonly bunyan: (log: BunyanLogger) => () => void;
  readonly console: (log: JsonConsole) => () => void;
  /** The floor: the record written by hand with a template literal (see competitors.ts). */
  readonly template: (out: TemplateOut) => () => void;
}

/** Every logger a comparison measures, in report order. */
export const LOGGERS: readonly LoggerName[] = ['sluice', 'pino', ...COMPETITORS];

/** A logger opened on a sink with the scenario's call bound to it. */
interface OpenCall {
  readonly call: () => void;
  drained(): Promise<void>;
  close(): Promise<void>;
}

/** Runs a comparison scenario in this process and reports the result. */
export async function runComparison(
  scenario: ComparisonScenario,
  settings: MeasureSettings = settingsFromArgv(),
): Promise<void> {
  const probeRounds = gateProbeRounds();
  if (probeRounds !== null) {
    await probeComparison(scenario, probeRounds, settings);
    return;
  }
  const sampleRecords: Partial<Record<LoggerName, string | null>> = {};
  for (const logger of LOGGERS) sampleRecords[logger] = checkCall(logger, scenario);
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
    timerFloorNs: timerFloorNs(),
    groups,
  };
  await reportResult(result);
}

/**
 * Every logger on one sink, open side by side: timed in rounds whose order rotates (each logger goes
 * first once every LOGGERS.length rounds, so a busy spell of the machine spreads over all of them),
 * then each one's heap, CPU and latency measured.
 */
async function compareOnSink(
  scenario: ComparisonScenario,
  sink: SinkSpec,
  writesRecords: boolean,
  settings: MeasureSettings,
): Promise<SinkGroupResult> {
  const level = scenario.level ?? 'info';
  const opened = new Map<LoggerName, OpenCall>();
  try {
    for (const logger of LOGGERS) opened.set(logger, openCall(logger, scenario, sink.kind, level));
    const runners = new Map<LoggerName, CaseRunner>();
    for (const [logger, open] of opened) {
      runners.set(logger, await caseRunner(open, sink, writesRecords, settings));
    }
    const rounds = new Map<LoggerName, TimedRound[]>(LOGGERS.map((logger) => [logger, []]));
    const perRoundMs = settings.minCpuTimeMs / settings.rounds;
    for (let round = 0; round < settings.rounds; round++) {
      for (let k = 0; k < LOGGERS.length; k++) {
        const logger = LOGGERS[(round + k) % LOGGERS.length];
        rounds.get(logger)?.push(await runnerOf(runners, logger).time(perRoundMs));
        await yieldToEventLoop();
      }
    }
    const cases: CaseResult[] = [];
    for (const logger of LOGGERS) {
      cases.push(await caseResult(logger, runnerOf(runners, logger), rounds.get(logger) ?? []));
    }
    const mean = (logger: LoggerName) =>
      cases.find((entry) => entry.logger === logger)?.nsPerCall.mean ?? Number.NaN;
    const setup: Partial<Record<LoggerName, string>> = { sluice: sink.sluice, pino: sink.pino };
    for (const name of COMPETITORS) setup[name] = `${COMPETITOR_SETUP[name]}; to ${sink.others}`;
    return {
      sink: sink.kind,
      title: sink.title,
      setup,
      cases,
      ratio: ratio(mean('sluice'), mean('pino')),
    };
  } finally {
    for (const open of opened.values()) await open.close();
  }
}

/** mitata's timing per logger and round in a gate probe: several hundred samples of a fast call. */
const PROBE_ROUND_MS = 100;

/**
 * The gate's probe (see ratio-probe.ts): sluice and pino alone on each sink, timed the way a full run
 * times them (the same case runners), in alternating rounds; each round's ratio of means.
 */
async function probeComparison(
  scenario: ComparisonScenario,
  rounds: number,
  settings: MeasureSettings,
): Promise<void> {
  const level = scenario.level ?? 'info';
  const writesRecords = (scenario.recordsPerCall ?? 1) > 0;
  const rows: Record<string, ProbeRound[]> = {};
  for (const sink of SINKS) {
    const sluice = openCall('sluice', scenario, sink.kind, level);
    const pino = openCall('pino', scenario, sink.kind, level);
    try {
      const sluiceRunner = await caseRunner(sluice, sink, writesRecords, settings);
      const pinoRunner = await caseRunner(pino, sink, writesRecords, settings);
      const timeMean = async (runner: CaseRunner) => {
        const round = await runner.time(PROBE_ROUND_MS);
        await yieldToEventLoop();
        return summarize(round.samples).mean;
      };
      rows[sink.kind] = await alternatingRounds(
        rounds,
        () => timeMean(sluiceRunner),
        () => timeMean(pinoRunner),
      );
    } finally {
      await sluice.close();
      await pino.close();
    }
  }
  await reportResult({ kind: 'ratio-probe', name: scenario.name, rows });
}

function runnerOf(runners: ReadonlyMap<LoggerName, CaseRunner>, logger: LoggerName): CaseRunner {
  const runner = runners.get(logger);
  if (runner === undefined) throw new Error(`no runner for ${logger}`);
  return runner;
}

/** Opens `logger` on the sink and binds the scenario's call to it. */
function openCall(
  logger: LoggerName,
  scenario: ComparisonScenario,
  kind: SinkKind,
  level: LevelName,
): OpenCall {
  if (logger === 'sluice') {
    const open = openSluice(kind, level);
    return { call: scenario.sluice(open.log), drained: open.drained, close: open.close };
  }
  if (logger === 'pino') {
    const open = openPino(kind, level);
    return { call: scenario.pino(open.log), drained: open.drained, close: open.close };
  }
  const sink = openLineSink(kind);
  return {
    call: competitorCall(scenario, logger, openCompetitor(logger, sink.write, level)),
    drained: sink.drained,
    close: sink.close,
  };
}

function competitorCall<N extends CompetitorName>(
  scenario: ComparisonScenario,
  name: N,
  log: CompetitorLoggers[N],
): () => void {
  const factory = scenario[name] as (log: CompetitorLoggers[N]) => () => void;
  return factory(log);
}

function caseRunner(
  open: OpenCall,
  sink: SinkSpec,
  writesRecords: boolean,
  settings: MeasureSettings,
): Promise<CaseRunner> | CaseRunner {
  if (sink.kind === 'noop') return syncCaseRunner(open.call, settings);
  return drainedCaseRunner(open.call, () => open.drained(), writesRecords, settings);
}

/** Pools a logger's rounds into one result and measures its heap, CPU and latency per call. */
async function caseResult(
  logger: LoggerName,
  runner: CaseRunner,
  rounds: readonly TimedRound[],
): Promise<CaseResult> {
  const heapEstimates = rounds.flatMap((round) =>
    round.mitataHeapBytesPerCall === null ? [] : [round.mitataHeapBytesPerCall],
  );
  await yieldToEventLoop();
  const nsPerCall = summarize(rounds.flatMap((round) => round.samples)).mean;
  const heap = await runner.heap(nsPerCall);
  await yieldToEventLoop();
  return {
    logger,
    nsPerCall: summarize(rounds.flatMap((round) => round.samples)),
    roundMeansNs: rounds.map((round) => summarize(round.samples).mean),
    timedCalls: rounds.reduce((total, round) => total + round.calls, 0),
    heap,
    mitataHeapBytesPerCall: heapEstimates.length === 0 ? null : summarize(heapEstimates).mean,
    cpu: await runner.cpu(),
    latency: await runner.latency(),
  };
}

/**
 * Makes the scenario's call twice on a logger that keeps its output and checks it wrote the expected
 * number of JSON records, so a broken call is never timed as a fast one. Returns the first record.
 */
function checkCall(logger: LoggerName, scenario: ComparisonScenario): string | null {
  const level = scenario.level ?? 'info';
  let call: () => void;
  let lines: string[];
  if (logger === 'sluice') {
    const captured = captureSluice(level);
    ({ lines } = captured);
    call = scenario.sluice(captured.log);
  } else if (logger === 'pino') {
    const captured = capturePino(level);
    ({ lines } = captured);
    call = scenario.pino(captured.log);
  } else {
    const kept: string[] = [];
    lines = kept;
    call = competitorCall(
      scenario,
      logger,
      openCompetitor(logger, (line) => kept.push(line), level),
    );
  }
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
