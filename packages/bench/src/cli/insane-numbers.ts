/**
 * What "sane numbers" means for each kind of result: every throughput, time and CPU figure a scenario
 * reports is a finite number above zero, every count adds up. It checks that a scenario measured
 * something, never how fast: CI runs `--quick` on a shared machine. Heap bytes per call may be zero or
 * slightly negative (noise around an allocation-free path), so they only need to be finite.
 */
import type { LatencySummary } from '../harness/latency.js';
import type { ScenarioResult } from '../harness/result.js';

/** Problems found in `result`, each naming the figure; empty when the numbers are sane. */
export function insaneNumbers(result: ScenarioResult): string[] {
  const problems: string[] = [];
  const positive = (label: string, value: number | null | undefined) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      problems.push(`${label} is ${String(value)}, expected a positive number`);
    }
  };
  const finite = (label: string, value: number | null | undefined) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      problems.push(`${label} is ${String(value)}, expected a number`);
  };
  const latency = (label: string, summary: LatencySummary) => {
    positive(`${label} latency p50`, summary.p50);
    positive(`${label} latency max`, summary.max);
    if (summary.max < summary.p99 || summary.p99 < summary.p50)
      problems.push(`${label} latency percentiles are out of order`);
  };
  switch (result.kind) {
    case 'comparison':
      for (const group of result.groups) {
        for (const entry of group.cases) {
          const label = `${group.sink}/${entry.logger}`;
          positive(`${label} ns/call`, entry.nsPerCall.mean);
          positive(`${label} timed calls`, entry.timedCalls);
          finite(`${label} heap B/call`, entry.heap.bytesPerCall);
          positive(`${label} process CPU/call`, entry.cpu.processNsPerCall);
          if (entry.cpu.threadNsPerCall !== null)
            positive(`${label} thread CPU/call`, entry.cpu.threadNsPerCall);
          latency(label, entry.latency);
        }
      }
      break;
    case 'zero-alloc':
      for (const run of result.runs) {
        positive(`${run.label} records`, run.records);
        positive(`${run.label} ns/record`, run.nsPerRecord);
        finite(`${run.label} heap B/record`, run.bytesPerRecord);
      }
      break;
    case 'seed-table':
      for (const row of result.rows) {
        positive(`${row.name} msgs/s`, row.msgsPerSec);
        positive(`${row.name} process CPU/msg`, row.processCpuNsPerMsg);
        finite(`${row.name} heap B/msg`, row.heapBytesPerMsg);
      }
      break;
    case 'seed-stdlib':
      for (const row of result.rows) positive(`${row.label} msgs/s`, row.msgsPerSec);
      break;
    case 'seed-regression':
      for (const entry of result.results) {
        positive(`${entry.config_name} messages_per_second`, entry.messages_per_second);
        positive(`${entry.config_name} cpu_percent`, entry.cpu_percent);
        finite(`${entry.config_name} memory_mb`, entry.memory_mb);
      }
      break;
    case 'seed-async':
      positive('msgs/s', result.msgsPerSec);
      positive('process CPU/msg', result.processCpuNsPerMsg);
      finite('heap B/msg', result.heapBytesPerMsg);
      break;
    case 'worker-sink':
      for (const run of result.runs) {
        positive(`${run.label} caller ns/call`, run.callerNsPerCall);
        positive(`${run.label} latency p50`, run.latencyP50Ns);
        positive(`${run.label} end-to-end rec/s`, run.endToEndRecordsPerSecond);
      }
      break;
    case 'producers':
      positive('records/s', result.recordsPerSecond);
      if (result.delivered !== result.logged)
        problems.push(
          `delivered ${result.delivered} of ${result.logged} (${result.dropped ?? 0} counted as dropped)`,
        );
      break;
    case 'multi-target':
      for (const run of result.runs) {
        positive(`${run.label} records/s`, run.recordsPerSecond);
        positive(`${run.label} file bytes`, run.fileBytes);
      }
      break;
    case 'stalled-sink':
      if (result.loopAlone !== undefined) latency('the loop alone', result.loopAlone);
      for (const run of result.runs) {
        positive(`${run.label} calls`, run.calls);
        latency(run.label, run.latency);
        positive(`${run.label} lines received`, run.linesReceived);
        // The reader may get more lines than were logged (a transport's own drop report), never fewer.
        if (run.linesReceived + (run.dropped ?? 0) < run.calls) {
          problems.push(
            `${run.label}: ${run.linesReceived} received + ${run.dropped ?? 0} dropped < ${run.calls} logged`,
          );
        }
      }
      break;
    case 'latency-run':
      for (const run of result.runs) {
        latency(run.label, run.latency);
        positive(`${run.label} process CPU/call`, run.cpu.processNsPerCall);
        finite(`${run.label} drain ms`, run.drainMs);
      }
      break;
    case 'spaced-calls':
      for (const row of result.rows) {
        const label = `${row.label} ${row.variant} at ${row.gapMicros} µs`;
        latency(label, row.latency);
        if (row.callerNsPerCall.length === 0) problems.push(`${label}: no rounds`);
        for (const ns of row.callerNsPerCall) finite(`${label} caller CPU/call`, ns);
        for (const ns of row.othersNsPerCall) finite(`${label} other threads' CPU/call`, ns);
      }
      break;
    case 'trickle':
      for (const row of result.rows) {
        const label = `${row.label} every ${row.intervalMs} ms`;
        if (row.othersNsPerSecond.length === 0) problems.push(`${label}: no rounds`);
        for (const ns of row.othersNsPerSecond) finite(`${label} other threads' CPU/s`, ns);
        for (const ns of row.ownNsPerSecond) finite(`${label} its threads' CPU/s`, ns);
        for (const ns of row.callerNsPerSecond) finite(`${label} caller's CPU/s`, ns);
        if (row.intervalMs > 0) positive(`${label} records`, row.records);
      }
      break;
    case 'http-cpu':
      for (const row of result.rows) {
        const label = `${row.framework}/${row.logging}${row.requestLogging ? '+request logging' : ''}`;
        if (row.cpuNsPerRequest.length === 0) problems.push(`${label}: no rounds`);
        for (const ns of row.cpuNsPerRequest) positive(`${label} CPU/request`, ns);
        positive(`${label} requests`, row.requests);
        if (row.errors > 0) problems.push(`${label}: ${row.errors} request errors`);
      }
      break;
    case 'http':
      for (const row of result.rows) {
        const label = `${row.framework}/${row.logging}`;
        positive(`${label} req/s`, row.requestsPerSecond);
        // autocannon reports latency in whole milliseconds: 0 is a real reading on loopback.
        finite(`${label} p99`, row.latencyP99Ms);
        if (row.errors > 0) problems.push(`${label}: ${row.errors} request errors`);
        if (row.logging !== 'none') positive(`${label} lines logged`, row.linesLogged);
      }
      break;
  }
  return problems;
}
