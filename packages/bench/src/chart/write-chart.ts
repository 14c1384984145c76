import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResultsFiles } from '../cli/read-results.js';
import type { ComparisonResult } from '../harness/result.js';
import { renderChart } from './render-chart.js';

/**
 * Draws `chart.svg` in `dir` from the core suite's latest results there. Returns the path written, or
 * null when there are no comparison results to draw.
 */
export function writeChart(dir: string): string | null {
  const core = readResultsFiles(dir).find((file) => file.suite === 'core');
  if (core === undefined) return null;
  const comparisons = core.scenarios.flatMap((entry) =>
    'result' in entry && entry.result.kind === 'comparison' ? [entry.result as ComparisonResult] : [],
  );
  if (comparisons.length === 0) return null;
  const { machine } = core;
  const svg = renderChart(comparisons, {
    title: 'Log calls per second, the logger alone (no-op sink); longer is faster',
    subtitle: `${core.quick ? '--quick (rough) ' : ''}run of ${core.measuredAt.slice(0, 10)}: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average ${machine.loadAverage} at start`,
  });
  const path = join(dir, 'chart.svg');
  writeFileSync(path, svg);
  return path;
}
