import { formatCount, formatNs, formatSpread } from '../harness/format.js';
import type { TrickleResult } from '../harness/result.js';
import { type Column, renderTable } from './render-table.js';

const COLUMNS: readonly Column[] = [
  { header: 'one record every', align: 'right' },
  { header: 'logger', align: 'left' },
  { header: 'records', align: 'right' },
  { header: 'other threads, % of a core', align: 'right' },
  { header: 'other threads CPU/rec', align: 'right' },
];

/** The server suite's trickle: the CPU of the threads besides the caller's at each rate. */
export function renderTrickle(result: TrickleResult): string {
  const intervals = [...new Set(result.rows.map((row) => row.intervalMs))].sort((a, b) =>
    a === 0 ? 1 : b === 0 ? -1 : a - b,
  );
  const rows: string[][] = [];
  for (const interval of intervals) {
    for (const row of result.rows.filter((r) => r.intervalMs === interval)) {
      rows.push([
        interval === 0 ? 'none (idle)' : `${interval} ms`,
        row.label,
        formatCount(row.records),
        formatSpread(row.othersNsPerSecond, (ns) => `${(ns / 1e7).toFixed(2)}%`),
        row.othersNsPerRecord.length === 0 ? '' : formatSpread(row.othersNsPerRecord, formatNs),
      ]);
    }
  }
  return [
    `trickle: ${result.description}`,
    renderTable(COLUMNS, rows),
    "Other threads: every thread of the process but the caller's (sink workers, libuv's writers, GC helpers), from schedstat; median over rounds [lowest-highest].",
  ].join('\n');
}
