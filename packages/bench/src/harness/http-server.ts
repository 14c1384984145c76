/**
 * The HTTP scenario's server, run as a child process so autocannon (in the scenario's process) and the
 * server do not share a thread. One route, GET /, answering `{"hello":"world"}` and logging one line
 * per request, `{ method, url, statusCode }` with the message 'request'. Says `{ port }` over IPC once
 * listening; on 'stop', flushes and closes its logger and answers `{ lines }`.
 * Usage: node http-server.js <fastify|node:http> <none|pino|sluice>
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@sluice/core';
import { createTransport } from '@sluice/transport';
import Fastify from 'fastify';
import pino from 'pino';

const [framework, logging] = process.argv.slice(2);

interface RequestLogger {
  log(method: string, url: string): void;
  close(): Promise<void>;
}

async function openLogger(): Promise<RequestLogger> {
  if (logging === 'pino') {
    const stream = pino.destination({ dest: '/dev/null', sync: false });
    await once(stream, 'ready');
    const log = pino(stream);
    return {
      log: (method, url) => log.info({ method, url, statusCode: 200 }, 'request'),
      close: async () => {
        const closed = once(stream, 'close');
        stream.end();
        await closed;
      },
    };
  }
  if (logging === 'sluice') {
    const transport = createTransport({ dest: '/dev/null' });
    await transport.ready;
    const log = createLogger({ transport });
    return {
      log: (method, url) => log.info('request', { method, url, statusCode: 200 }),
      close: () => transport.close(),
    };
  }
  return { log: () => {}, close: async () => {} };
}

const logger = await openLogger();
let lines = 0;
const logRequest = (method: string, url: string) => {
  if (logging !== 'none') lines++;
  logger.log(method, url);
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
  const server = createServer((request, response) => {
    logRequest(request.method ?? 'GET', request.url ?? '/');
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end('{"hello":"world"}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

process.on('message', async (message) => {
  if (message !== 'stop') return;
  await close();
  await logger.close();
  process.send?.({ lines }, () => process.disconnect?.());
});
process.send?.({ port });
