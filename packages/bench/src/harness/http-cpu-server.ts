/**
 * The server suite's HTTP server, one process per configuration: GET / answering `{"hello":"world"}`.
 * With a logger, each request logs through a child made for that request: fastify's own `req.log`
 * (fastify makes a child per request; its request logging on or off) or, on node:http,
 * `log.child({ reqId }).info(...)`. Says `{ port }` over IPC once listening; on 'start' it reads its
 * CPU time (every thread: process.cpuUsage()) and its request count, on 'stop' answers what was spent
 * and served since; 'start-profiled' also profiles the main thread until 'stop', which then answers
 * the CPU time spent with the logger's code on the stack too (logger-code-time.ts); on 'close', flushes
 * and closes its logger and answers `{ lines }`.
 * Usage: node http-cpu-server.js <fastify|node:http> <none|noop|pino|sluice> <quiet|request-logging>
 */
import type { AddressInfo } from 'node:net';
import Fastify, { LogController } from 'fastify';
import { listenNodeHttp } from './http-listen.js';
import { ThreadProfile, timeWithCodeOnStack } from './logger-code-time.js';
import { openServerLogger } from './server-logger.js';

const [framework, logging, requestLogging] = process.argv.slice(2);
/** Fine enough for a logger's sub-microsecond share of a request over a turn of 20,000 or so samples. */
const PROFILE_INTERVAL_MICROS = 50;

const logger = await openServerLogger(logging);
let requests = 0;
let lines = 0;
let close: () => Promise<void>;
let port: number;

if (framework === 'fastify') {
  const app =
    logger.instance === null
      ? Fastify({ logger: false })
      : Fastify({
          loggerInstance: logger.instance,
          logController: new LogController({ disableRequestLogging: requestLogging !== 'request-logging' }),
        });
  app.get('/', async (request) => {
    requests++;
    if (logger.instance !== null) {
      request.log.info({ route: 'hello' }, 'answered');
      lines++;
    }
    return { hello: 'world' };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
  close = () => app.close();
} else {
  const log = logger.instance;
  let reqId = 0;
  const listening = await listenNodeHttp((request) => {
    requests++;
    if (log !== null) {
      log
        .child({ reqId: ++reqId })
        .info({ method: request.method, url: request.url, route: 'hello' }, 'answered');
      lines++;
    }
  });
  port = listening.port;
  close = listening.close;
}

let startedCpu = process.cpuUsage();
let startedRequests = 0;
let profile: ThreadProfile | null = null;
let profiling = false;
process.on('message', async (message) => {
  if (message === 'start' || message === 'start-profiled') {
    if (message === 'start-profiled') {
      profile ??= new ThreadProfile(PROFILE_INTERVAL_MICROS);
      profile.start();
      profiling = true;
    }
    startedCpu = process.cpuUsage();
    startedRequests = requests;
    process.send?.('started');
  } else if (message === 'stop') {
    const spent = process.cpuUsage(startedCpu);
    const served = requests - startedRequests;
    let loggerCodeMicros: number | undefined;
    if (profiling && profile !== null) {
      profiling = false;
      const code = logger.code;
      const sampled = profile.stop();
      loggerCodeMicros = code === null ? 0 : timeWithCodeOnStack(sampled, code);
    }
    process.send?.({ cpuMicros: spent.user + spent.system, requests: served, loggerCodeMicros });
  } else if (message === 'close') {
    await close();
    await logger.close();
    process.send?.({ lines }, () => process.disconnect?.());
  }
});
process.send?.({ port });
