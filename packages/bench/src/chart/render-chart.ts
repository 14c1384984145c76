/**
 * An SVG bar chart of the comparison scenarios, hand-written (no dependency): for each scenario, one
 * bar per logger with its calls per second on the no-op sink (the logger alone), each scenario scaled
 * to its own fastest logger, the value printed at the bar's end. The hand-written template floor is
 * named in the scenario's heading instead of drawn: it is often many times faster than every library
 * and would squeeze their bars into slivers. Embeddable in a README as an image.
 */
import type { ComparisonResult, LoggerName } from '../harness/result.js';

export interface ChartOptions {
  readonly title: string;
  /** A line under the title: the machine, the date. */
  readonly subtitle: string;
  /** Which sink's numbers to draw. Defaults to 'noop'. */
  readonly sink?: string;
}

const COLORS: Readonly<Record<LoggerName, string>> = {
  sluice: '#2f7ed8',
  pino: '#8bbc21',
  winston: '#c42525',
  bunyan: '#f28f43',
  console: '#77a1e5',
  template: '#9a9a9a',
};

/** The reference, not a library: named, not drawn (see above). */
const FLOOR: LoggerName = 'template';

const WIDTH = 860;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 120;
const BAR_HEIGHT = 14;
const BAR_GAP = 4;
const GROUP_GAP = 18;
const HEADER = 78;

/** `&`, `<`, `>`, `"` escaped for SVG text and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Calls per second as a short number: 2.50G/s, 1.23M/s, 456k/s, 789/s. */
export function formatRate(callsPerSecond: number): string {
  if (!Number.isFinite(callsPerSecond)) return '-';
  if (callsPerSecond >= 1e9) return `${(callsPerSecond / 1e9).toPrecision(3)}G/s`;
  if (callsPerSecond >= 1e6) return `${(callsPerSecond / 1e6).toPrecision(3)}M/s`;
  if (callsPerSecond >= 1e3) return `${(callsPerSecond / 1e3).toPrecision(3)}k/s`;
  return `${callsPerSecond.toFixed(0)}/s`;
}

export function renderChart(results: readonly ComparisonResult[], options: ChartOptions): string {
  const sink = options.sink ?? 'noop';
  const groups = results.flatMap((result) => {
    const group = result.groups.find((candidate) => candidate.sink === sink);
    if (group === undefined) return [];
    const floor = group.cases.find((entry) => entry.logger === FLOOR);
    const heading =
      floor === undefined
        ? result.name
        : `${result.name} (template floor: ${formatRate(1e9 / floor.nsPerCall.mean)})`;
    return [{ heading, cases: group.cases.filter((entry) => entry.logger !== FLOOR) }];
  });
  const loggers = [...new Set(groups.flatMap((group) => group.cases.map((entry) => entry.logger)))];
  const barArea = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const out: string[] = [];
  let y = HEADER;
  for (const group of groups) {
    out.push(`<text x="10" y="${y + 12}" class="group">${escapeXml(group.heading)}</text>`);
    y += 18;
    const rates = group.cases.map((entry) => 1e9 / entry.nsPerCall.mean);
    const fastest = Math.max(...rates.filter(Number.isFinite));
    group.cases.forEach((entry, i) => {
      const rate = rates[i];
      const length = Number.isFinite(rate) && fastest > 0 ? Math.max(1, (rate / fastest) * barArea) : 0;
      const color = COLORS[entry.logger] ?? '#555555';
      out.push(
        `<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT - 3}" class="label">${escapeXml(entry.logger)}</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${length.toFixed(1)}" height="${BAR_HEIGHT}" fill="${color}"><title>${escapeXml(`${entry.logger}: ${entry.nsPerCall.mean.toFixed(1)} ns/call`)}</title></rect>`,
        `<text x="${(LABEL_WIDTH + length + 6).toFixed(1)}" y="${y + BAR_HEIGHT - 3}" class="value">${formatRate(rate)}</text>`,
      );
      y += BAR_HEIGHT + BAR_GAP;
    });
    y += GROUP_GAP;
  }
  const legend = loggers
    .map((logger, i) => {
      const x = 10 + i * 120;
      return `<rect x="${x}" y="50" width="12" height="12" fill="${COLORS[logger] ?? '#555555'}"/><text x="${x + 18}" y="60" class="legend">${escapeXml(logger)}</text>`;
    })
    .join('');
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    '<style>.title{font-size:16px;font-weight:bold}.subtitle{font-size:11px;fill:#555}.group{font-size:13px;font-weight:bold}.label{font-size:11px;text-anchor:end}.value{font-size:11px}.legend{font-size:12px}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="22" class="title">${escapeXml(options.title)}</text>`,
    `<text x="10" y="40" class="subtitle">${escapeXml(options.subtitle)}</text>`,
    legend,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}
