/**
 * seed-stdlib: the comparison with the standard library of provide.foundation's benchmark page: `console.log` of the line Python's logging
 * formatter would print (`${new Date().toISOString()} - stdlib_test - Test message ${i}`) against
 * sluice's `logger.info('Test message', { iteration: i })` with setupTelemetry's defaults (key_value,
 * emoji prefixes on), 100,000 calls each (the page: 5,000, as `--quick` does), both to /dev/null and
 * both timed until everything is written. Each side gets 100 untimed warm-up calls first.
 */

import { Console } from 'node:console';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { FOUNDATION_LOOP_DESTINATION, runFoundationLoop } from '../../harness/foundation-loop.js';
import { messagesPerSecond, overheadPercent } from '../../harness/published-numbers.js';
import { reportResult } from '../../harness/result.js';

const WARMUP_MESSAGES = 100;
const messages = process.argv.includes('--quick') ? 5_000 : 100_000;

async function timeConsoleLog(): Promise<number> {
  const stream = createWriteStream('/dev/null');
  await once(stream, 'open');
  const stdlib = new Console(stream);
  for (let i = 0; i < WARMUP_MESSAGES; i++)
    stdlib.log(`${new Date().toISOString()} - stdlib_test - warmup ${i}`);
  await new Promise<void>((resolve) => stream.write('', () => resolve()));
  const start = process.hrtime.bigint();
  for (let i = 0; i < messages; i++)
    stdlib.log(`${new Date().toISOString()} - stdlib_test - Test message ${i}`);
  await new Promise<void>((resolve) => stream.write('', () => resolve()));
  const elapsedNs = Number(process.hrtime.bigint() - start);
  stream.end();
  await once(stream, 'close');
  return elapsedNs;
}

const stdlibNs = await timeConsoleLog();
const sluice = await runFoundationLoop({
  logging: {},
  loggerName: 'foundation_test',
  messages,
  warmup: (log) => {
    for (let i = 0; i < WARMUP_MESSAGES; i++) log.info('warmup message', { test: true });
  },
  call: (log, i) => log.info('Test message', { iteration: i }),
});

await reportResult({
  kind: 'seed-stdlib',
  name: 'seed-stdlib',
  description: `${messages.toLocaleString('en-US')} calls each, to /dev/null (sluice: ${FOUNDATION_LOOP_DESTINATION}), timed until written`,
  messages,
  rows: [
    {
      label: 'console.log',
      setup: `new Console(createWriteStream('/dev/null')).log(\`\${iso} - stdlib_test - Test message \${i}\`)`,
      msgsPerSec: messagesPerSecond(messages, stdlibNs),
      elapsedNs: stdlibNs,
    },
    {
      label: 'sluice',
      setup: "getLogger('foundation_test').info('Test message', { iteration: i }), setupTelemetry's defaults",
      msgsPerSec: messagesPerSecond(messages, sluice.elapsedNs),
      elapsedNs: sluice.elapsedNs,
    },
  ],
  overheadPercent: overheadPercent(sluice.elapsedNs, stdlibNs),
});
