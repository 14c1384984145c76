/**
 * The server suite's HTTP server, one process per configuration: GET / answering `{"hello":"world"}`.
 * With a logger, each request logs through a child made for that request: fastify's own `req.log`
 * (fastify makes a child per request; its request logging on or off) or, on node:http,
 * `log.child({ reqId }).info(...)`. Says `{ port }` over IPC once listening; on 'start' it reads its
 * CPU time (every thread: process.cpuUsage()) and its request count, on 'stop' answers what was spent
 * and served since; on 'close', flushes and closes its logger and answers `{ lines }`.
 * Usage: node http-cpu-server.js <fastify|node:http> <none|noop|pino|sluice> <quiet|request-logging>
 */
import type { AddressInfo } from 'node:net';
import Fastify, { LogController } from 'fastify';
import { listenNodeHttp } from './http-listen.js';
import { openServerLogger } from './server-logger.js';

const [framework, logging, requestLogging] = process.argv.slice(2);

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
process.on('message', async (message) => {
  if (message === 'start') {
    startedCpu = process.cpuUsage();
    startedRequests = requests;
    process.send?.('started');
  } else if (message === 'stop') {
    const spent = process.cpuUsage(startedCpu);
    process.send?.({ cpuMicros: spent.user + spent.system, requests: requests - startedRequests });
  } else if (message === 'close') {
    await close();
    await logger.close();
    process.send?.({ lines }, () => process.disconnect?.());
  }
});
process.send?.({ port });
