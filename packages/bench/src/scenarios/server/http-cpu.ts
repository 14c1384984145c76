/**
 * What logging costs a server, by CPU per request: fastify (the logger as `loggerInstance`, a child per
 * request made by fastify, one `req.log.info` per request, fastify's own request logging off and on)
 * and node:http (a child per request and one `info`), each with no logger, a no-op logger (what the framework
 * spends on having a logger: request ids, a child per request), pino (its async destination) and sluice
 * (its transport), to /dev/null. Every server runs in its own process for the whole run
 * (harness/http-cpu-server.ts) and they take turns under the same fixed load from autocannon in this
 * process, in rotating order, round after round. Reported per configuration: the server process's CPU
 * time per request (every thread), the lowest and the median over the rounds, and what logging adds over
 * no logger on the same framework (per round, then the median: cli/added-by-logging.ts). CPU per request
 * is far steadier than req/s on a shared machine: at a fixed rate, a slow spell shows as latency, not
 * as CPU. Then, in PROFILED_ROUNDS more rounds, each server with a logger profiles its main thread
 * while it serves, and reports the CPU per request spent in the logger's own code: a steadier figure
 * than the added CPU, which moves by microseconds between rounds, though it leaves out other threads
 * and garbage collection (harness/logger-code-time.ts).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { autocannon } from '../../harness/autocannon.js';
import { type HttpCpuRow, reportResult } from '../../harness/result.js';
import { settingsFromArgv } from '../../harness/settings.js';

const quick = settingsFromArgv().quick;
const RATE = quick ? 1_000 : 4_000;
const DURATION_S = quick ? 0.5 : 1;
const ROUNDS = quick ? 1 : 10;
const PROFILED_ROUNDS = quick ? 1 : 4;
const CONNECTIONS = 10;

const CONFIGS: readonly Omit<
  HttpCpuRow,
  'cpuNsPerRequest' | 'requests' | 'errors' | 'latencyP99Ms' | 'loggerCodeNsPerRequest'
>[] = [
  { framework: 'fastify', logging: 'none', requestLogging: false },
  { framework: 'fastify', logging: 'noop', requestLogging: false },
  { framework: 'fastify', logging: 'pino', requestLogging: false },
  { framework: 'fastify', logging: 'sluice', requestLogging: false },
  { framework: 'fastify', logging: 'pino', requestLogging: true },
  { framework: 'fastify', logging: 'sluice', requestLogging: true },
  { framework: 'node:http', logging: 'none', requestLogging: false },
  { framework: 'node:http', logging: 'noop', requestLogging: false },
  { framework: 'node:http', logging: 'pino', requestLogging: false },
  { framework: 'node:http', logging: 'sluice', requestLogging: false },
];

interface Server {
  readonly process: ChildProcess;
  readonly url: string;
  readonly cpuNsPerRequest: number[];
  requests: number;
  errors: number;
  latencyP99Ms: number[];
  loggerCodeNsPerRequest: number[];
}

async function startServer(config: (typeof CONFIGS)[number]): Promise<Server> {
  const child = fork(
    new URL('../../harness/http-cpu-server.js', import.meta.url),
    [config.framework, config.logging, config.requestLogging ? 'request-logging' : 'quiet'],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const [{ port }] = (await once(child, 'message')) as [{ port: number }];
  return {
    process: child,
    url: `http://127.0.0.1:${port}/`,
    cpuNsPerRequest: [],
    requests: 0,
    errors: 0,
    latencyP99Ms: [],
    loggerCodeNsPerRequest: [],
  };
}

async function ask<T>(server: Server, message: string): Promise<T> {
  const reply = once(server.process, 'message') as Promise<[T]>;
  server.process.send(message);
  return (await reply)[0];
}

/** What a server answers to 'stop': its CPU and requests since 'start', its logger's code if profiled. */
interface TurnSpent {
  cpuMicros: number;
  requests: number;
  loggerCodeMicros?: number;
}

function underLoad(server: Server, seconds: number) {
  return autocannon({ url: server.url, connections: CONNECTIONS, duration: seconds, overallRate: RATE });
}

/** One turn: the server under the fixed load for DURATION_S, started by `start` (profiled or not). */
async function takeTurn(server: Server, start: 'start' | 'start-profiled') {
  await ask(server, start);
  const result = await underLoad(server, DURATION_S);
  const spent = await ask<TurnSpent>(server, 'stop');
  return { result, spent };
}

const servers: Server[] = [];
try {
  for (const config of CONFIGS) servers.push(await startServer(config));
  for (const server of servers) await underLoad(server, DURATION_S / 2);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < servers.length; k++) {
      const server = servers[(k + round) % servers.length];
      const { result, spent } = await takeTurn(server, 'start');
      server.cpuNsPerRequest.push((spent.cpuMicros * 1_000) / spent.requests);
      server.requests += spent.requests;
      server.errors += result.errors + result.non2xx;
      server.latencyP99Ms.push(result.latency.p99);
    }
  }
  const logging = servers.filter((_, index) => CONFIGS[index].logging !== 'none');
  for (let round = 0; round < PROFILED_ROUNDS; round++) {
    for (let k = 0; k < logging.length; k++) {
      const server = logging[(k + round) % logging.length];
      const { spent } = await takeTurn(server, 'start-profiled');
      server.loggerCodeNsPerRequest.push(((spent.loggerCodeMicros ?? 0) * 1_000) / spent.requests);
    }
  }
  for (const server of servers) await ask(server, 'close');
} finally {
  for (const server of servers) if (server.process.exitCode === null) server.process.kill();
}

await reportResult({
  kind: 'http-cpu',
  name: 'http-cpu',
  description: `GET / answering {"hello":"world"}, a child logger per request and one info line; autocannon at a fixed ${RATE.toLocaleString('en-US')} req/s over ${CONNECTIONS} connections, ${DURATION_S} s per turn, ${ROUNDS} rotating round(s); server CPU from process.cpuUsage() (every thread); then ${PROFILED_ROUNDS} round(s) profiling each logging server's main thread (V8 CPU profiler, 50 µs) for its logger's own code`,
  rate: RATE,
  rows: CONFIGS.map((config, index) => ({
    ...config,
    cpuNsPerRequest: servers[index].cpuNsPerRequest,
    requests: servers[index].requests,
    errors: servers[index].errors,
    latencyP99Ms: servers[index].latencyP99Ms,
    ...(CONFIGS[index].logging === 'none'
      ? {}
      : { loggerCodeNsPerRequest: servers[index].loggerCodeNsPerRequest }),
  })),
});
