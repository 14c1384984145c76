/**
 * The question: what does logging one line per request cost a server? fastify and node:http on
 * loopback, each with no logging, with pino (its async destination to /dev/null) and with sluice (its
 * transport to /dev/null), every server in its own process (harness/http-server.ts) under autocannon
 * (10 connections) in this one. Each configuration gets an untimed warm-up, then a measured run; in a
 * full run every configuration is measured twice, in opposite orders, and the two runs pooled. The cost
 * is the drop in req/s against no logging on the same framework in this run.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { autocannon } from '../../harness/autocannon.js';
import { type HttpRow, reportResult } from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';

const quick = settingsFromArgv().quick;
const DURATION_S = quick ? 1 : 5;
const WARMUP_S = quick ? 0.3 : 1;
const CONNECTIONS = 10;
const PASSES = quick ? 1 : 2;

const FRAMEWORKS = ['fastify', 'node:http'] as const;
const LOGGING = ['none', 'pino', 'sluice'] as const;
const SETUP: Record<(typeof LOGGING)[number], string> = {
  none: 'no logger',
  pino: "pino(pino.destination({ dest: '/dev/null', sync: false })).info({ method, url, statusCode }, 'request')",
  sluice:
    "createLogger({ transport: createTransport({ dest: '/dev/null' }), serializers: fastifySerializers }).info({ method, url, statusCode }, 'request')",
};

interface Run {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  errors: number;
  lines: number;
}

async function measure(framework: string, logging: string): Promise<Run> {
  const server = fork(new URL('../../harness/http-server.js', import.meta.url), [framework, logging], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const [{ port }] = (await once(server, 'message')) as [{ port: number }];
    const url = `http://127.0.0.1:${port}/`;
    await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S });
    const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
    const stopped = once(server, 'message') as Promise<[{ lines: number }]>;
    server.send('stop');
    const [{ lines }] = await stopped;
    return {
      requests: result.requests.total,
      seconds: result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
      lines,
    };
  } finally {
    if (server.exitCode === null) server.kill();
  }
}

const rows: HttpRow[] = [];
for (const framework of FRAMEWORKS) {
  const runs = new Map<string, Run[]>(LOGGING.map((logging) => [logging, []]));
  for (let pass = 0; pass < PASSES; pass++) {
    const order = pass % 2 === 0 ? LOGGING : [...LOGGING].reverse();
    for (const logging of order) runs.get(logging)?.push(await measure(framework, logging));
  }
  const pooled = (logging: string) => {
    const list = runs.get(logging) ?? [];
    const sum = (pick: (run: Run) => number) => list.reduce((total, run) => total + pick(run), 0);
    return {
      requestsPerSecond: sum((run) => run.requests) / sum((run) => run.seconds),
      // Percentiles do not pool: the mean of the runs' percentiles is reported.
      latencyP50Ms: sum((run) => run.p50) / list.length,
      latencyP99Ms: sum((run) => run.p99) / list.length,
      requests: sum((run) => run.requests),
      errors: sum((run) => run.errors),
      linesLogged: sum((run) => run.lines),
    };
  };
  const baseline = pooled('none').requestsPerSecond;
  for (const logging of LOGGING) {
    const row = pooled(logging);
    rows.push({
      framework,
      logging,
      setup: SETUP[logging],
      ...row,
      costPercent: logging === 'none' ? null : ((baseline - row.requestsPerSecond) / baseline) * 100,
    });
  }
}

await reportResult({
  kind: 'http',
  name: 'http-logging',
  description: `GET / answering {"hello":"world"} with one log line per request; autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per run after ${WARMUP_S} s of warm-up, ${PASSES} run(s) per configuration`,
  durationSeconds: DURATION_S,
  connections: CONNECTIONS,
  rows,
});
