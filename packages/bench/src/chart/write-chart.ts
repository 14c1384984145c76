import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResultsFiles } from '../cli/read-results-files.js';
import type { ComparisonResult } from '../harness/result.js';
import { renderChart } from './render-chart.js';

/**
 * Draws `chart.svg` in `dir` from the core suite's latest results there. Returns the path written, or
 * null when there are no comparison results to draw.
 */
export function writeChart(dir: string): string | null {
  const core = readResultsFiles(dir).find((file) => file.suite === 'core');
  if (core === undefined) return null;
  const measured = core.scenarios.flatMap((entry) =>
    'result' in entry && entry.result.kind === 'comparison' ? [entry] : [],
  );
  const comparisons = measured.map((entry) => ('result' in entry ? entry.result : null) as ComparisonResult);
  if (comparisons.length === 0) return null;
  // A results file may merge several runs (see writeResults): name the days its comparisons ran.
  const days = [
    ...new Set(measured.map((entry) => (entry.measuredAt ?? core.measuredAt).slice(0, 10))),
  ].sort();
  const { machine } = core;
  const svg = renderChart(comparisons, {
    title: 'Log calls per second, the logger alone (no-op sink); longer is faster',
    subtitle: `${core.quick ? '--quick (rough numbers) ' : ''}measured ${days.join(', ')} on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; mean ns/call from mitata`,
  });
  const path = join(dir, 'chart.svg');
  writeFileSync(path, svg);
  return path;
}
