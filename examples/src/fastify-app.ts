/**
 * A fastify app logging through sluice's worker-thread transport: fastify's request logging,
 * `request.log` (a child with the request id) and the app's own lines all go through one sluice logger.
 * It serves one route, calls it once over loopback, prints the response and the transport's counts,
 * and exits. Records go to stderr; the report to stdout.
 *
 *   node dist/fastify-app.js 2>/dev/null
 */
import { createLogger } from '@sluice/core';
import { createTransport } from '@sluice/transport';
import { fastifySerializers } from '@sluice/transport/fastify';
import Fastify, { type FastifyBaseLogger } from 'fastify';

const transport = createTransport({ dest: 2 });
// fastifySerializers: fastify's own `req`/`res` shapes (method, url, host, remote address and port;
// status code) for "incoming request" and "request completed".
const log = createLogger({ name: 'fastify-app', transport, serializers: fastifySerializers });
// sluice's Logger type lacks pino's `silent` method, which FastifyBaseLogger lists (fastify never calls it).
const app = Fastify({ loggerInstance: log as unknown as FastifyBaseLogger });

app.get<{ Querystring: { name?: string } }>('/hello', async (request) => {
  const name = request.query.name ?? 'world';
  request.log.info({ visitor: name }, 'saying hello');
  return { hello: name };
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
const response = await fetch(`${address}/hello?name=sluice`);
console.log(`GET ${address}/hello?name=sluice -> ${response.status} ${await response.text()}`);

await app.close();
await transport.ready;
await transport.close();
const stats = transport.stats();
console.log(`records written: ${stats.recordsWritten}, bytes: ${stats.bytesWritten}`);
