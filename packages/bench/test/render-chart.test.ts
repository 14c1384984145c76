import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeXml, formatRate, renderChart } from '../dist/chart/render-chart.js';

function comparison(name: string, nsPerCall: Record<string, number>) {
  return {
    kind: 'comparison',
    name,
    groups: [
      {
        sink: 'noop',
        cases: Object.entries(nsPerCall).map(([logger, mean]) => ({ logger, nsPerCall: { mean } })),
      },
    ],
  } as never;
}

test('renderChart draws one bar per logger and scenario, the fastest full width, half the rate half as long', () => {
  const svg = renderChart([comparison('static-message', { sluice: 50, pino: 100 })], {
    title: 'T',
    subtitle: 'S',
  });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const widths = [...svg.matchAll(/<rect x="150" y="\d+" width="([\d.]+)"/g)].map((match) =>
    Number(match[1]),
  );
  assert.equal(widths.length, 2);
  assert.equal(widths[0], 590);
  assert.equal(widths[1], 295);
  assert.match(svg, />20.0M\/s</);
  assert.match(svg, />10.0M\/s</);
  assert.match(svg, />static-message</);
});

test('renderChart escapes text, so a hostile scenario name cannot break the SVG', () => {
  const svg = renderChart([comparison('<script>&"', { sluice: 1 })], { title: 'a<b', subtitle: '' });
  assert.ok(!svg.includes('<script>'));
  assert.match(svg, /&lt;script&gt;&amp;&quot;/);
  assert.match(svg, /a&lt;b/);
  assert.equal(escapeXml('"&<>'), '&quot;&amp;&lt;&gt;');
});

test('renderChart names the template floor in the heading instead of drawing its bar', () => {
  const svg = renderChart([comparison('static-message', { sluice: 50, template: 10 })], {
    title: 'T',
    subtitle: 'S',
  });
  assert.equal([...svg.matchAll(/<rect x="150"/g)].length, 1);
  assert.match(svg, />static-message \(template floor: 100M\/s\)</);
});

test('formatRate shortens calls per second', () => {
  assert.equal(formatRate(2.5e9), '2.50G/s');
  assert.equal(formatRate(12_345_678), '12.3M/s');
  assert.equal(formatRate(456_789), '457k/s');
  assert.equal(formatRate(789), '789/s');
  assert.equal(formatRate(Number.NaN), '-');
});
