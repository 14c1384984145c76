/**
 * seed-async: the async variant of provide.foundation's benchmark page (the seed suite reproduces it): 10 concurrent tasks, each logging 1,000 messages and yielding to the
 * event loop every 100 (`await setImmediate()`, Node's `asyncio.sleep(0)`), through sluice's
 * foundation API to /dev/null, timed until written. The 10,000 messages take milliseconds, so the run
 * is repeated (20 times; 3 with --quick) after untimed ones, and the median rate reported, with CPU and
 * heap per message over all repetitions.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import {
  FOUNDATION_LOOP_DESTINATION,
  type FoundationLoopMeasurement,
  runFoundationLoop,
} from '../../harness/foundation-loop.js';
import { messagesPerSecond } from '../../harness/published-numbers.js';
import { reportResult } from '../../harness/result.js';
import { median } from '../../harness/stats.js';

const TASKS = 10;
const PER_TASK = 1_000;
const YIELD_EVERY = 100;
const MESSAGES = TASKS * PER_TASK;
const quick = process.argv.includes('--quick');
const repetitions = quick ? 3 : 20;
const warmups = quick ? 1 : 5;

async function task(log: { info(message: string, fields: Record<string, unknown>): void }, id: number) {
  for (let i = 0; i < PER_TASK; i++) {
    log.info('async message', { task: id, iteration: i, success: true });
    if ((i + 1) % YIELD_EVERY === 0) await yieldToLoop();
  }
}

function once(): Promise<FoundationLoopMeasurement> {
  return runFoundationLoop({
    logging: { consoleFormatter: 'json' },
    loggerName: 'async_test',
    messages: MESSAGES,
    warmup: () => {},
    call: () => {},
    drive: async (log) => {
      await Promise.all(Array.from({ length: TASKS }, (_, id) => task(log, id)));
    },
  });
}

for (let i = 0; i < warmups; i++) await once();
const runs: FoundationLoopMeasurement[] = [];
for (let i = 0; i < repetitions; i++) runs.push(await once());
const total = (pick: (run: FoundationLoopMeasurement) => number) =>
  runs.reduce((sum, run) => sum + pick(run), 0);
const messages = MESSAGES * repetitions;
const threadMicros = runs.every((run) => run.threadCpuMicros !== null)
  ? total((run) => run.threadCpuMicros ?? 0)
  : null;

await reportResult({
  kind: 'seed-async',
  name: 'seed-async',
  description: `${TASKS} concurrent tasks x ${PER_TASK.toLocaleString('en-US')} × log.info('async message', { task, iteration, success }), a yield every ${YIELD_EVERY}; to /dev/null (${FOUNDATION_LOOP_DESTINATION}), timed until written; ${repetitions} runs`,
  tasks: TASKS,
  messagesPerTask: PER_TASK,
  yieldEvery: YIELD_EVERY,
  repetitions,
  msgsPerSec: median(runs.map((run) => messagesPerSecond(MESSAGES, run.elapsedNs))),
  processCpuNsPerMsg: (total((run) => run.processCpuMicros) * 1_000) / messages,
  threadCpuNsPerMsg: threadMicros === null ? null : (threadMicros * 1_000) / messages,
  heapBytesPerMsg: total((run) => run.allocatedBytes) / messages,
});
