import { formatNs, formatRatio, formatSpread } from '../harness/format.js';
import type { SpacedCallsResult, SpacedCallsRow } from '../harness/result.js';
import { median, ratio } from '../harness/stats.js';
import { type Column, renderTable } from './render-table.js';

const COLUMNS: readonly Column[] = [
  { header: 'gap', align: 'right' },
  { header: 'call', align: 'left' },
  { header: 'logger', align: 'left' },
  { header: 'p50', align: 'right' },
  { header: 'p99', align: 'right' },
  { header: 'p99.9', align: 'right' },
  { header: 'CPU caller/rec', align: 'right' },
  { header: 'CPU other threads/rec', align: 'right' },
  { header: 'p50 x pino async', align: 'right' },
];

/** The server suite's spaced calls: a table of every configuration at every gap, the gaps in order. */
export function renderSpacedCalls(result: SpacedCallsResult): string {
  const gaps = [...new Set(result.rows.map((row) => row.gapMicros))].sort((a, b) => a - b);
  const rows: string[][] = [];
  for (const gap of gaps) {
    const atGap = result.rows.filter((row) => row.gapMicros === gap);
    const idle = atGap.find((row) => row.variant === 'none');
    const pinoAsync = (variant: SpacedCallsRow['variant']) =>
      atGap.find((row) => row.label.startsWith('pino.destination') && row.variant === variant);
    for (const row of atGap) {
      if (row.variant === 'none') continue;
      const peer = pinoAsync(row.variant === 'child' ? 'child' : 'info');
      rows.push([
        `${gap} µs`,
        row.variant,
        row.label,
        formatNs(row.latency.p50),
        formatNs(row.latency.p99),
        formatNs(row.latency.p999),
        cpuCell(row.callerNsPerCall, idle?.callerNsPerCall),
        cpuCell(row.othersNsPerCall, idle?.othersNsPerCall),
        peer === undefined || peer === row ? '' : formatRatio(ratio(row.latency.p50, peer.latency.p50)),
      ]);
    }
  }
  return [
    `spaced-calls: ${result.description}`,
    renderTable(COLUMNS, rows),
    'CPU per record: the median over rounds, [lowest-highest round], less the same loop with no log call (its',
    `work and timer); other threads: sink workers, libuv's writers, GC helpers. Timer cost under each latency: ${formatNs(result.timerFloorNs)}.`,
  ].join('\n');
}

/** Median [min-max] over rounds of `perRound` less the idle loop's median; missing without both. */
function cpuCell(perRound: readonly number[], idle: readonly number[] | undefined): string {
  const base = idle === undefined ? Number.NaN : median(idle);
  return formatSpread(
    perRound.map((ns) => ns - base),
    formatNs,
  );
}
