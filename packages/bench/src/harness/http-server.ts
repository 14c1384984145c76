/**
 * The HTTP scenario's server, run as a child process so autocannon (in the scenario's process) and the
 * server do not share a thread. One route, GET /, answering `{"hello":"world"}` and logging one line
 * per request, `{ method, url, statusCode }` with the message 'request'. Says `{ port }` over IPC once
 * listening; on 'stop', flushes and closes its logger and answers `{ lines }`.
 * Usage: node http-server.js <fastify|node:http> <none|pino|sluice>
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { listenNodeHttp } from './http-listen.js';
import { openServerLogger } from './server-logger.js';

const [framework, logging] = process.argv.slice(2);

const logger = await openServerLogger(logging);
let lines = 0;
const logRequest = (method: string, url: string) => {
  if (logger.instance === null) return;
  lines++;
  logger.instance.info({ method, url, statusCode: 200 }, 'request');
};

let close: () => Promise<void>;
let port: number;
if (framework === 'fastify') {
  const app = Fastify({ logger: false });
  app.get('/', async (request) => {
    logRequest(request.method, request.url);
    return { hello: 'world' };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as AddressInfo).port;
  close = () => app.close();
} else {
  const listening = await listenNodeHttp((request) =>
    logRequest(request.method ?? 'GET', request.url ?? '/'),
  );
  port = listening.port;
  close = listening.close;
}

process.on('message', async (message) => {
  if (message !== 'stop') return;
  await close();
  await logger.close();
  process.send?.({ lines }, () => process.disconnect?.());
});
process.send?.({ port });
