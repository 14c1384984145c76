import { formatCount, formatNs, formatRatio } from '../harness/format.js';
import type { HttpCpuResult, HttpCpuRow } from '../harness/result.js';
import { median, ratio } from '../harness/stats.js';
import { addedByLogging, loggerCodePerRequest } from './added-by-logging.js';
import { type Column, renderTable } from './render-table.js';

const COLUMNS: readonly Column[] = [
  { header: 'server', align: 'left' },
  { header: 'logger', align: 'left' },
  { header: 'requests', align: 'right' },
  { header: 'CPU/req lowest', align: 'right' },
  { header: 'CPU/req median', align: 'right' },
  { header: 'added by logging', align: 'right' },
  { header: 'x pino added', align: 'right' },
  { header: 'logger code/req', align: 'right' },
  { header: 'x pino code', align: 'right' },
  { header: 'p99 (median)', align: 'right' },
];

/** The server suite's HTTP scenario: CPU per request per configuration and what logging adds. */
export function renderHttpCpu(result: HttpCpuResult): string {
  const lowest = (row: HttpCpuRow) => Math.min(...row.cpuNsPerRequest);
  const added = (row: HttpCpuRow) => addedByLogging(result, row);
  const rows = result.rows.map((row) => {
    const pino = result.rows.find(
      (r) => r.framework === row.framework && r.logging === 'pino' && r.requestLogging === row.requestLogging,
    );
    const code = loggerCodePerRequest(row);
    const pinoCode = loggerCodePerRequest(pino);
    return [
      row.framework,
      row.logging === 'none'
        ? 'none'
        : row.logging === 'noop'
          ? 'no-op logger'
          : `${row.logging}${row.requestLogging ? ', request logging on' : ''}`,
      formatCount(row.requests),
      formatNs(lowest(row)),
      formatNs(median(row.cpuNsPerRequest)),
      row.logging === 'none' ? '' : formatNs(added(row)),
      row.logging === 'sluice' && pino !== undefined ? formatRatio(ratio(added(row), added(pino))) : '',
      Number.isNaN(code) ? '' : formatNs(code),
      row.logging === 'sluice' && !Number.isNaN(pinoCode) ? formatRatio(ratio(code, pinoCode)) : '',
      `${median(row.latencyP99Ms)} ms`,
    ];
  });
  return [
    `http-cpu: ${result.description}`,
    renderTable(COLUMNS, rows),
    "added by logging: per round, CPU/req less the same framework's with no logger in that round; the median over the rounds. x pino added: sluice's added CPU over pino's, same set-up.",
    'no-op logger: a logger whose methods do nothing; its row is what the framework spends on having a logger at all, which no logger can go below.',
    "logger code/req: in the profiled rounds, the main thread's CPU per request with the logger's own code on the stack (V8 CPU profiler), the median; other threads and garbage collection left out.",
  ].join('\n');
}
