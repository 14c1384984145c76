import { formatNs, formatRatio } from '../harness/format.js';
import {
  type ComparisonResult,
  type HttpCpuResult,
  type ScenarioResult,
  type SpacedCallsResult,
  TRICKLE_TO_A_PIPE,
  type TrickleResult,
  type TrickleRow,
  type WorkerSinkResult,
  type ZeroAllocResult,
} from '../harness/result.js';
import { median, pairedSums, ratio } from '../harness/stats.js';
import { addedByLogging, loggerCodePerRequest } from './added-by-logging.js';
import { type Column, renderTable } from './render-table.js';
import { addedOnEveryThread } from './trickle-added.js';

/** One line of the summary: what sluice did, the best other logger beside it, and the verdict. */
export interface SummaryRow {
  readonly scenario: string;
  readonly sluice: string;
  readonly peer: string;
  /** sluice's figure over the peer's (lower is better for every figure here). */
  readonly ratio: number;
  /** The goal, as a ratio to the peer's figure or as a bound; null where none is set. */
  readonly target: string | null;
  /** 'met', 'NOT met', or for a row without a target whether sluice is ahead. */
  readonly verdict: string;
}

const COLUMNS: readonly Column[] = [
  { header: 'scenario', align: 'left' },
  { header: 'sluice', align: 'right' },
  { header: 'best other logger', align: 'left' },
  { header: 'sluice / other', align: 'right' },
  { header: 'target', align: 'left' },
  { header: 'verdict', align: 'left' },
];

/** One screen: each scenario's sluice figure against the best peer in the same run, met or not. */
export function renderSummary(results: readonly ScenarioResult[]): string | null {
  const rows = results.flatMap(summaryRows);
  if (rows.length === 0) return null;
  return [
    'summary: sluice against the best other logger measured in the same run (lower is better)',
    renderTable(
      COLUMNS,
      rows.map((row) => [
        row.scenario,
        row.sluice,
        row.peer,
        formatRatio(row.ratio),
        row.target ?? '',
        row.verdict,
      ]),
    ),
  ].join('\n');
}

export function summaryRows(result: ScenarioResult): SummaryRow[] {
  switch (result.kind) {
    case 'spaced-calls':
      return spacedRows(result);
    case 'trickle':
      return trickleRows(result);
    case 'http-cpu':
      return httpCpuRows(result);
    case 'comparison':
      return comparisonRows(result);
    case 'worker-sink':
      return workerSinkRows(result);
    case 'zero-alloc':
      return zeroAllocRows(result);
    default:
      return [];
  }
}

/** A row set against one peer's figure with a ratio target (`atMost`: e.g. 1/5), lower is better. */
function againstTarget(
  scenario: string,
  sluice: number,
  peerLabel: string,
  peer: number,
  atMost: number,
  format: (value: number) => string = formatNs,
): SummaryRow {
  const r = ratio(sluice, peer);
  return {
    scenario,
    sluice: format(sluice),
    peer: `${format(peer)} ${peerLabel}`,
    ratio: r,
    target: `<= ${atMost < 1 ? `1/${Math.round(1 / atMost)}` : `${atMost}x`} of ${peerLabel}`,
    verdict: Number.isFinite(r) ? (r <= atMost ? 'met' : 'NOT met') : 'no figure',
  };
}

/** A row beside a peer with no target set: whether sluice is ahead (lower is better). */
function besidePeer(
  scenario: string,
  sluice: number,
  peerLabel: string,
  peer: number,
  format: (value: number) => string = formatNs,
): SummaryRow {
  return {
    scenario,
    sluice: format(sluice),
    peer: `${format(peer)} ${peerLabel}`,
    ratio: ratio(sluice, peer),
    target: null,
    verdict: Number.isNaN(sluice) || Number.isNaN(peer) ? 'no figure' : sluice < peer ? 'ahead' : 'behind',
  };
}

const PINO_TRANSPORT = 'pino.transport';
const PINO_ASYNC = 'pino.destination';

function spacedRows(result: SpacedCallsResult): SummaryRow[] {
  const find = (prefix: string, variant: string, gap: number) =>
    result.rows.find(
      (row) => row.label.startsWith(prefix) && row.variant === variant && row.gapMicros === gap,
    );
  const idle = (gap: number) => find('no logging', 'none', gap);
  const others = (row: (typeof result.rows)[number] | undefined, gap: number) => {
    const base = idle(gap);
    return row === undefined || base === undefined
      ? Number.NaN
      : median(row.othersNsPerCall) - median(base.othersNsPerCall);
  };
  // The caller's CPU counts too: a logger may do its writing on the calling thread.
  const everyThread = (row: (typeof result.rows)[number] | undefined, gap: number) => {
    const base = idle(gap);
    return row === undefined || base === undefined
      ? Number.NaN
      : median(pairedSums(row.callerNsPerCall, row.othersNsPerCall)) -
          median(pairedSums(base.callerNsPerCall, base.othersNsPerCall));
  };
  const rows: SummaryRow[] = [];
  const info = find('sluice', 'info', 30);
  const child = find('sluice', 'child', 30);
  const pinoTransport = find(PINO_TRANSPORT, 'info', 30);
  const pinoAsync = find(PINO_ASYNC, 'info', 30);
  const pinoAsyncChild = find(PINO_ASYNC, 'child', 30);
  if (info !== undefined && pinoTransport !== undefined)
    rows.push(
      againstTarget(
        'spaced info, 30 µs: p50',
        info.latency.p50,
        PINO_TRANSPORT,
        pinoTransport.latency.p50,
        1 / 5,
      ),
    );
  if (info !== undefined && pinoAsync !== undefined)
    rows.push(
      againstTarget('spaced info, 30 µs: p50', info.latency.p50, PINO_ASYNC, pinoAsync.latency.p50, 1 / 3),
    );
  if (child !== undefined && pinoAsyncChild !== undefined)
    rows.push(
      againstTarget(
        'spaced child().info, 30 µs: p50',
        child.latency.p50,
        PINO_ASYNC,
        pinoAsyncChild.latency.p50,
        1 / 3,
      ),
    );
  for (const gap of [10, 30, 100]) {
    const sluice = find('sluice', 'info', gap);
    const peer = find(PINO_TRANSPORT, 'info', gap);
    if (sluice === undefined || peer === undefined) continue;
    rows.push(
      againstTarget(
        `spaced, ${gap} µs: other threads' CPU/rec`,
        others(sluice, gap),
        PINO_TRANSPORT,
        others(peer, gap),
        1 / 2,
      ),
    );
    for (const peerLabel of [PINO_TRANSPORT, PINO_ASYNC]) {
      const beside = find(peerLabel, 'info', gap);
      if (beside === undefined) continue;
      rows.push(
        besidePeer(
          `spaced, ${gap} µs: every thread's CPU/rec (caller + others)`,
          everyThread(sluice, gap),
          peerLabel,
          everyThread(beside, gap),
        ),
      );
    }
  }
  return rows;
}

function trickleRows(result: TrickleResult): SummaryRow[] {
  const find = (prefix: string, interval: number, toPipe = false) =>
    result.rows.find(
      (row) =>
        row.label.startsWith(prefix) &&
        row.label.endsWith(TRICKLE_TO_A_PIPE) === toPipe &&
        row.intervalMs === interval,
    );
  const percent = (ns: number) => `${(ns / 1e7).toFixed(2)}%`;
  // The sink thread(s): a logger's own threads (no figure when none was found).
  const sink = (row: TrickleRow) => (row.ownThreads > 0 ? median(row.ownNsPerSecond) : Number.NaN);
  // What logging added on every thread, the caller's included, per record (no figure without a baseline).
  const added = (row: TrickleRow | undefined) => {
    const figures = row === undefined ? null : addedOnEveryThread(result, row);
    return figures === null ? Number.NaN : median(figures.perRecord);
  };
  const addedRows = (interval: number): SummaryRow[] => {
    const sluice = find('sluice', interval);
    if (sluice === undefined) return [];
    return [PINO_TRANSPORT, PINO_ASYNC].flatMap((peerLabel) => {
      const peer = find(peerLabel, interval);
      return peer === undefined
        ? []
        : [
            besidePeer(
              `trickle, every ${interval} ms: every thread's CPU/rec added`,
              added(sluice),
              peerLabel,
              added(peer),
            ),
          ];
    });
  };
  const rows: SummaryRow[] = [];
  // The sink thread's targets, to /dev/null and where a container logs: stdout as a pipe.
  for (const toPipe of [false, true]) {
    const where = toPipe ? 'trickle to a pipe' : 'trickle';
    const slow = find('sluice', 100, toPipe);
    const slowPeer = find(PINO_TRANSPORT, 100, toPipe);
    if (slow !== undefined) {
      const sluice = sink(slow);
      const peer = slowPeer === undefined ? Number.NaN : sink(slowPeer);
      rows.push({
        scenario: `${where}, one record every 100 ms: sink thread CPU`,
        sluice: percent(sluice),
        peer: `${percent(peer)} ${PINO_TRANSPORT}`,
        ratio: ratio(sluice, peer),
        target: '<= 0.2% of a core',
        verdict: Number.isNaN(sluice) ? 'no figure' : sluice <= 0.002e9 ? 'met' : 'NOT met',
      });
    }
    if (!toPipe) rows.push(...addedRows(100));
    const fast = find('sluice', 1, toPipe);
    const fastPeer = find(PINO_TRANSPORT, 1, toPipe);
    if (fast !== undefined && fastPeer !== undefined) {
      rows.push(
        againstTarget(
          `${where}, one record every 1 ms: sink thread CPU`,
          sink(fast),
          PINO_TRANSPORT,
          sink(fastPeer),
          1 / 2,
          percent,
        ),
      );
    }
    if (!toPipe) rows.push(...addedRows(1));
  }
  return rows;
}

function httpCpuRows(result: HttpCpuResult): SummaryRow[] {
  const rowOf = (framework: string, logging: string) =>
    result.rows.find((r) => r.framework === framework && r.logging === logging && !r.requestLogging);
  // Over 'noop': the framework's own cost of having a logger at all (a child per request, its hooks)
  // left out, which no logger can go below.
  const added = (framework: string, logging: string, over: 'none' | 'noop' = 'none') => {
    const row = rowOf(framework, logging);
    return row === undefined ? Number.NaN : addedByLogging(result, row, over);
  };
  const rows: SummaryRow[] = [];
  for (const framework of ['fastify', 'node:http']) {
    const sluice = added(framework, 'sluice');
    const pino = added(framework, 'pino');
    if (!Number.isFinite(sluice) || !Number.isFinite(pino)) continue;
    const scenario = `${framework}: CPU/request added by logging`;
    if (framework !== 'fastify') {
      rows.push(besidePeer(scenario, sluice, 'pino', pino));
      continue;
    }
    rows.push(againstTarget(scenario, sluice, 'pino', pino, 1 / 3));
    const sluiceCode = loggerCodePerRequest(rowOf(framework, 'sluice'));
    const pinoCode = loggerCodePerRequest(rowOf(framework, 'pino'));
    if (Number.isFinite(sluiceCode) && Number.isFinite(pinoCode)) {
      rows.push(
        besidePeer(`${framework}: logger code/request (main thread, profiled)`, sluiceCode, 'pino', pinoCode),
      );
    }
    const sluiceAbove = added(framework, 'sluice', 'noop');
    const pinoAbove = added(framework, 'pino', 'noop');
    if (Number.isFinite(sluiceAbove) && Number.isFinite(pinoAbove)) {
      rows.push(
        besidePeer(`${framework}: CPU/request above the no-op logger`, sluiceAbove, 'pino', pinoAbove),
      );
    }
  }
  return rows;
}

/** Per comparison scenario, the /dev/null sink (a real write) against the fastest other logger. */
function comparisonRows(result: ComparisonResult): SummaryRow[] {
  const group = result.groups.find((g) => g.sink === 'devnull') ?? result.groups[0];
  if (group === undefined) return [];
  const sluice = group.cases.find((c) => c.logger === 'sluice');
  const peers = group.cases.filter((c) => c.logger !== 'sluice' && c.logger !== 'template');
  if (sluice === undefined || peers.length === 0) return [];
  const best = peers.reduce((a, b) => (b.nsPerCall.mean < a.nsPerCall.mean ? b : a));
  return [
    besidePeer(
      `${result.name} (${group.sink}): ns/call`,
      sluice.nsPerCall.mean,
      best.logger,
      best.nsPerCall.mean,
    ),
  ];
}

function workerSinkRows(result: WorkerSinkResult): SummaryRow[] {
  const peer = result.runs.find((run) => run.label.startsWith(PINO_TRANSPORT));
  if (peer === undefined) return [];
  return result.runs
    .filter((run) => run.label.startsWith('sluice'))
    .map((run) =>
      againstTarget(
        `worker-sink, ${run.label.replace('sluice transport, ', '')}: caller p50`,
        run.callerNsP50,
        PINO_TRANSPORT,
        peer.callerNsP50,
        run.label.includes('precompiled') ? 1 / 20 : 1 / 5,
      ),
    );
}

function zeroAllocRows(result: ZeroAllocResult): SummaryRow[] {
  return result.runs
    .filter((run) => run.label.includes('transport'))
    .map((run) => ({
      scenario: `zero-alloc: ${run.label}`,
      sluice: `${run.scavenges} scavenges`,
      peer: '',
      ratio: Number.NaN,
      target: '0 scavenges',
      verdict: run.scavenges === 0 ? 'met' : 'NOT met',
    }));
}
