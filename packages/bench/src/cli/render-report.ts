import { formatBytes, formatCount, formatNs, formatRatio, MISSING } from '../harness/format.js';
import type { CaseResult, ComparisonResult, ScenarioResult, ZeroAllocResult } from '../harness/result.js';
import { CALLS_PER_BURST } from '../harness/settings.js';
import { SINKS, type SinkSpec } from '../harness/sinks.js';
import { median } from '../harness/stats.js';
import { describeMachine, type MachineInfo } from './machine.js';
import { type Column, renderTable } from './render-table.js';

/** A scenario that ran (with its result) or failed (with why). */
export type ReportEntry =
  | { readonly suite: string; readonly name: string; readonly result: ScenarioResult }
  | { readonly suite: string; readonly name: string; readonly error: string };

const BURST_TEXT = formatCount(CALLS_PER_BURST);

const COMPARISON_COLUMNS: readonly Column[] = [
  { header: 'scenario', align: 'left' },
  { header: 'logger', align: 'left' },
  { header: 'ns/call', align: 'right' },
  { header: 'p50', align: 'right' },
  { header: 'heap B/call', align: 'right' },
  { header: 'sluice/pino', align: 'right' },
];

const ZERO_ALLOC_COLUMNS: readonly Column[] = [
  { header: 'mode', align: 'left' },
  { header: 'records', align: 'right' },
  { header: 'scavenges', align: 'right' },
  { header: 'other GCs', align: 'right' },
  { header: 'heap B/record', align: 'right' },
  { header: 'ns/record', align: 'right' },
];

/** The human-readable report: header, one table per sink, the zero-allocation counts, failures. */
export function renderReport(machine: MachineInfo, quick: boolean, entries: readonly ReportEntry[]): string {
  const comparisons = entries.flatMap((entry) =>
    'result' in entry && entry.result.kind === 'comparison' ? [entry.result] : [],
  );
  const zeroAlloc = entries.flatMap((entry) =>
    'result' in entry && entry.result.kind === 'zero-alloc' ? [entry.result] : [],
  );
  const failures = entries.flatMap((entry) => ('error' in entry ? [entry] : []));

  const parts = [
    `sluice bench${quick ? ' (--quick: rough numbers, a smoke test)' : ''}`,
    ...describeMachine(machine),
    'ns/call: mean of mitata samples (GC pauses included); p50 their median. heap B/call: JS heap bytes',
    'allocated per call, counted across GCs. Each scenario runs in its own process, timing sluice and pino',
    'in alternating rounds; sluice/pino is the ratio of mean ns/call within that process.',
  ];
  if (comparisons.length > 0) {
    for (const sink of SINKS) parts.push('', renderSinkTable(sink, comparisons));
    const floor = median(comparisons.map((result) => result.floorNs));
    const writeFloor = median(comparisons.map((result) => result.writeFloorNs));
    parts.push(
      '',
      `Floors (medians over scenarios): no-op sink ${formatNs(floor)}/call (mitata timing an empty function);`,
      `/dev/null ${formatNs(writeFloor)}/call (one write round trip per sample: each sample is ${BURST_TEXT} calls,`,
      'then a wait until the destination has written them).',
    );
  }
  for (const result of zeroAlloc) parts.push('', renderZeroAlloc(result));
  for (const failure of failures) parts.push('', `FAILED ${failure.suite}/${failure.name}: ${failure.error}`);
  return parts.join('\n');
}

function renderSinkTable(sink: SinkSpec, results: readonly ComparisonResult[]): string {
  const rows: string[][] = [];
  for (const result of results) {
    const group = result.groups.find((candidate) => candidate.sink === sink.kind);
    if (group === undefined) continue;
    const sluice = findCase(group.cases, 'sluice');
    const pino = findCase(group.cases, 'pino');
    rows.push([result.name, 'sluice', ...caseCells(sluice), formatRatio(group.ratio)]);
    rows.push(['', 'pino', ...caseCells(pino), '']);
  }
  const title = `${sink.title} (sluice: ${sink.sluice}; pino: ${sink.pino})`;
  return `${title}\n${renderTable(COMPARISON_COLUMNS, rows)}`;
}

function findCase(cases: readonly CaseResult[], logger: CaseResult['logger']): CaseResult | undefined {
  return cases.find((candidate) => candidate.logger === logger);
}

function caseCells(result: CaseResult | undefined): [string, string, string] {
  if (result === undefined) return [MISSING, MISSING, MISSING];
  return [
    formatNs(result.nsPerCall.mean),
    formatNs(result.nsPerCall.p50),
    formatBytes(result.heap.bytesPerCall),
  ];
}

function renderZeroAlloc(result: ZeroAllocResult): string {
  const rows = result.runs.map((run) => [
    run.label,
    formatCount(run.records),
    formatCount(run.scavenges),
    formatCount(run.otherGcs),
    formatBytes(run.bytesPerRecord),
    formatNs(run.nsPerRecord),
  ]);
  return `zero-alloc: ${result.description}\n${renderTable(ZERO_ALLOC_COLUMNS, rows)}`;
}
