/**
 * The logger an HTTP benchmark server runs with, to /dev/null: none, a no-op logger, pino with its async destination,
 * or sluice through its transport (with fastify's serializers, as the README sets fastify up).
 */
import { once } from 'node:events';
import { createLogger } from '@sluice/core';
import { createTransport } from '@sluice/transport';
import { fastifySerializers } from '@sluice/transport/fastify';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';

export interface ServerLogger {
  /** The logger (fastify's `loggerInstance` takes it as is); null for no logging. */
  readonly instance: FastifyBaseLogger | null;
  /** The logger's own modules, by script URL (logger-code-time.ts); null for no logging. */
  readonly code: RegExp | null;
  /** Flushes and closes the logger's destination. */
  close(): Promise<void>;
}

export async function openServerLogger(logging: string): Promise<ServerLogger> {
  if (logging === 'pino') {
    const stream = pino.destination({ dest: '/dev/null', sync: false });
    await once(stream, 'ready');
    return {
      instance: pino(stream),
      code: PINO_CODE,
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
    return {
      instance: createLogger({ transport, serializers: fastifySerializers }) as unknown as FastifyBaseLogger,
      code: SLUICE_CODE,
      close: () => transport.close(),
    };
  }
  if (logging === 'noop') return { instance: noopLogger(), code: NOOP_CODE, close: async () => {} };
  return { instance: null, code: null, close: async () => {} };
}

/** pino and its destination, wherever a package manager put them. */
const PINO_CODE = /\/node_modules\/(?:pino|sonic-boom)\//;
/** @sluice/core and @sluice/transport, installed or in this repository. */
const SLUICE_CODE = /\/(?:@sluice|packages)\/(?:core|transport)\/dist\//;
/** This module: the no-op logger's methods. */
const NOOP_CODE = /\/server-logger\.js$/;

/**
 * A logger that writes nothing, its child a fresh object as a real child is: what a framework spends on
 * having a logger at all (request ids, child calls, its hooks), the floor no logger can go below.
 */
function noopLogger(): FastifyBaseLogger {
  const nothing = () => {};
  const make = (): FastifyBaseLogger => ({
    level: 'info',
    fatal: nothing,
    error: nothing,
    warn: nothing,
    info: nothing,
    debug: nothing,
    trace: nothing,
    silent: nothing,
    child: make,
  });
  return make();
}
