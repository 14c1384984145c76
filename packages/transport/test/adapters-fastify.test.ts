import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger, type Logger } from '@sluice/core';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { fastifySerializers } from '../dist/esm/adapters/fastify.js';
import { createTransport, type Transport } from '../dist/esm/index.js';
import { readJsonLines, tempLogDir } from './support/adapter-log-file.js';
import { closeTransport } from './support/close-transport.js';

const logFile = tempLogDir('fastify');

/**
 * A fastify app whose logger is a sluice logger on a transport writing `file`. sluice's Logger has no
 * `silent` method, which fastify's FastifyBaseLogger type lists (fastify never calls it): hence the cast.
 */
function appLoggingTo(file: string): { app: FastifyInstance; transport: Transport; log: Logger } {
  const transport = createTransport({ dest: file, append: false });
  const log = createLogger({ transport, serializers: fastifySerializers, name: 'api' });
  const app = Fastify({ loggerInstance: log as unknown as FastifyBaseLogger });
  app.get('/hello', async (request) => {
    request.log.info({ user: 'ada' }, 'handling hello');
    request.log.debug('debug on /hello');
    request.log.child({ step: 'db' }).info('child of the request logger');
    return { hello: 'world' };
  });
  app.get('/verbose', { logLevel: 'debug' }, async (request) => {
    request.log.debug('debug on /verbose');
    return 'ok';
  });
  app.get('/warn', async (request) => {
    request.log.info('info on /warn');
    request.log.warn('warn on /warn');
    return 'ok';
  });
  app.get(
    '/secretive',
    { logSerializers: { user: (user: { name: string }) => `user:${user.name}` } },
    async (request) => {
      request.log.info({ user: { name: 'ada', token: 't0ps3cret' } }, 'route serializer');
      return 'ok';
    },
  );
  app.get('/fail', async () => {
    throw new Error('handler failed');
  });
  return { app, transport, log };
}

/** Records of one request, by fastify's reqId binding. */
function requestRecords(file: string, reqId: string): Record<string, any>[] {
  return readJsonLines(file).filter((r) => r.reqId === reqId);
}

describe('fastify with a sluice loggerInstance', () => {
  test('request and response logging, request.log with reqId, child loggers', async () => {
    const file = logFile('requests.log');
    const { app, transport } = appLoggingTo(file);
    try {
      const response = await app.inject({ method: 'GET', url: '/hello' });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { hello: 'world' });
      await transport.flush();

      const records = readJsonLines(file);
      const reqId = records[0].reqId;
      assert.equal(typeof reqId, 'string');
      assert.deepEqual(
        records.map((r) => [r.level, r.msg, r.reqId]),
        [
          [30, 'incoming request', reqId],
          [30, 'handling hello', reqId],
          [30, 'child of the request logger', reqId],
          [30, 'request completed', reqId],
        ],
      );
      for (const record of records) {
        assert.equal(record.name, 'api');
        assert.equal(record.pid, process.pid);
      }
      assert.deepEqual(records[0].req, {
        method: 'GET',
        url: '/hello',
        host: 'localhost:80',
        remoteAddress: '127.0.0.1',
      });
      assert.equal(records[1].user, 'ada');
      assert.equal(records[2].step, 'db');
      assert.deepEqual(records[3].res, { statusCode: 200 });
      assert.equal(typeof records[3].responseTime, 'number');
    } finally {
      await app.close();
      await closeTransport(transport);
    }
  });

  test("a route's logLevel applies to its requests only", async () => {
    const file = logFile('route-level.log');
    const { app, transport } = appLoggingTo(file);
    try {
      await app.inject({ method: 'GET', url: '/verbose' });
      await app.inject({ method: 'GET', url: '/hello' });
      await transport.flush();
      const messages = readJsonLines(file).map((r) => r.msg);
      assert.ok(messages.includes('debug on /verbose'), 'debug logged on the debug route');
      assert.ok(!messages.includes('debug on /hello'), 'debug not logged on an info route');
      assert.ok(messages.includes('handling hello'));
    } finally {
      await app.close();
      await closeTransport(transport);
    }
  });

  test("a route's logSerializers reach the request logger through child(bindings, { serializers })", async () => {
    const file = logFile('route-serializers.log');
    const { app, transport } = appLoggingTo(file);
    try {
      await app.inject({ method: 'GET', url: '/secretive' });
      await app.inject({ method: 'GET', url: '/hello' });
      await transport.flush();
      const records = readJsonLines(file);
      const serialized = records.find((r) => r.msg === 'route serializer');
      assert.equal(serialized?.user, 'user:ada');
      assert.ok(!JSON.stringify(records).includes('t0ps3cret'));
      assert.equal(records.find((r) => r.msg === 'handling hello')?.user, 'ada', 'other routes unaffected');
    } finally {
      await app.close();
      await closeTransport(transport);
    }
  });

  test('fastify.log.level = "warn" at run time silences info for later requests', async () => {
    const file = logFile('runtime-level.log');
    const { app, transport } = appLoggingTo(file);
    try {
      await app.inject({ method: 'GET', url: '/warn' });
      app.log.level = 'warn';
      assert.equal(app.log.level, 'warn');
      await app.inject({ method: 'GET', url: '/warn' });
      await transport.flush();

      const warnings = readJsonLines(file).filter((r) => r.msg === 'warn on /warn');
      assert.equal(warnings.length, 2);
      const [beforeId, afterId] = warnings.map((r) => r.reqId);
      assert.notEqual(beforeId, afterId);
      assert.deepEqual(
        requestRecords(file, beforeId).map((r) => r.msg),
        ['incoming request', 'info on /warn', 'warn on /warn', 'request completed'],
      );
      assert.deepEqual(
        requestRecords(file, afterId).map((r) => [r.level, r.msg]),
        [[40, 'warn on /warn']],
      );
    } finally {
      await app.close();
      await closeTransport(transport);
    }
  });

  test('a failing handler is logged at error with the Error serialised', async () => {
    const file = logFile('errors.log');
    const { app, transport } = appLoggingTo(file);
    try {
      const response = await app.inject({ method: 'GET', url: '/fail' });
      assert.equal(response.statusCode, 500);
      await transport.flush();
      const failure = readJsonLines(file).find((r) => r.level === 50);
      assert.ok(failure, 'an error record');
      assert.equal(failure.msg, 'handler failed');
      assert.equal(failure.err.type, 'Error');
      assert.equal(failure.err.message, 'handler failed');
      assert.match(failure.err.stack, /handler failed/);
      assert.deepEqual(failure.res, { statusCode: 500 });
    } finally {
      await app.close();
      await closeTransport(transport);
    }
  });

  test('a real request over loopback (listen on 127.0.0.1, port 0)', async () => {
    const file = logFile('listen.log');
    const { app, transport, log } = appLoggingTo(file);
    try {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const response = await fetch(`${address}/hello`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { hello: 'world' });
      log.info({ address }, 'client done');
      await transport.flush();

      const records = readJsonLines(file);
      const incoming = records.find((r) => r.msg === 'incoming request');
      assert.ok(incoming, 'incoming request logged');
      const port = Number(new URL(address).port);
      assert.equal(incoming.req.method, 'GET');
      assert.equal(incoming.req.url, '/hello');
      assert.equal(incoming.req.host, `127.0.0.1:${port}`);
      assert.equal(incoming.req.remoteAddress, '127.0.0.1');
      assert.equal(typeof incoming.req.remotePort, 'number');
      const completed = records.find((r) => r.msg === 'request completed');
      assert.ok(completed, 'request completed logged');
      assert.equal(completed.reqId, incoming.reqId);
      assert.deepEqual(completed.res, { statusCode: 200 });
      // fastify's own "Server listening at" line went through the same logger.
      assert.ok(records.some((r) => typeof r.msg === 'string' && r.msg.startsWith('Server listening at')));
    } finally {
      await app.close();
      await closeTransport(transport);
    }
  });
});
