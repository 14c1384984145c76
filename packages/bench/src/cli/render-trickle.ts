import { formatCount, formatNs, formatSpread } from '../harness/format.js';
import type { TrickleResult } from '../harness/result.js';
import { type Column, renderTable } from './render-table.js';
import { addedOnEveryThread } from './trickle-added.js';

const COLUMNS: readonly Column[] = [
  { header: 'one record every', align: 'right' },
  { header: 'logger', align: 'left' },
  { header: 'records', align: 'right' },
  { header: 'its threads, % of a core', align: 'right' },
  { header: 'its threads CPU/rec', align: 'right' },
  { header: 'other threads, % of a core', align: 'right' },
  { header: 'other threads CPU/rec', align: 'right' },
  { header: 'caller, % of a core', align: 'right' },
  { header: 'caller CPU/rec', align: 'right' },
  { header: 'added on every thread, % of a core', align: 'right' },
  { header: 'added on every thread CPU/rec', align: 'right' },
];

const percent = (nsPerSecond: number) => `${(nsPerSecond / 1e7).toFixed(2)}%`;

/**
 * The server suite's trickle: the CPU of the logger's own threads, of all but the caller's, of the
 * caller's, and what logging added on every thread (caller + others) over the no-logging loop.
 */
export function renderTrickle(result: TrickleResult): string {
  const intervals = [...new Set(result.rows.map((row) => row.intervalMs))].sort((a, b) =>
    a === 0 ? 1 : b === 0 ? -1 : a - b,
  );
  const rows: string[][] = [];
  for (const interval of intervals) {
    for (const row of result.rows.filter((r) => r.intervalMs === interval)) {
      const added = addedOnEveryThread(result, row);
      rows.push([
        interval === 0 ? 'none (idle)' : `${interval} ms`,
        row.label,
        formatCount(row.records),
        row.ownThreads === 0 ? 'none' : formatSpread(row.ownNsPerSecond, percent),
        row.ownThreads === 0 || row.ownNsPerRecord.length === 0
          ? ''
          : formatSpread(row.ownNsPerRecord, formatNs),
        formatSpread(row.othersNsPerSecond, percent),
        row.othersNsPerRecord.length === 0 ? '' : formatSpread(row.othersNsPerRecord, formatNs),
        formatSpread(row.callerNsPerSecond, percent),
        row.callerNsPerRecord.length === 0 ? '' : formatSpread(row.callerNsPerRecord, formatNs),
        added === null ? '' : formatSpread(added.perSecond, percent),
        added === null || added.perRecord.length === 0 ? '' : formatSpread(added.perRecord, formatNs),
      ]);
    }
  }
  return [
    `trickle: ${result.description}`,
    renderTable(COLUMNS, rows),
    "Its threads: those that started while the logger was opened and warmed up (its sink worker; none for a logger writing through libuv's pool). Other threads: every thread but the caller's and the other loggers' own (its own, libuv's pool, V8's GC helpers). Caller: the thread that logs (its loop and timers, the log calls, and the writes a logger makes there).",
    "No logging: the same loop without the log call (its records: its turns). Added on every thread: per round, caller + other threads less the no-logging loop's at the same rate: what logging cost wherever it ran. From schedstat; median over rounds [lowest-highest].",
  ].join('\n');
}
