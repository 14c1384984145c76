import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { createLogger } from '@sluice/core';
import { createTransport } from '../dist/esm/index.js';

// Fastify() deep-copies its options with rfdc (lib/initial-config-validation.js), `loggerInstance`
// included: every own enumerable property, recursively, typed arrays copied byte for byte. A logger
// whose internals are reachable that way hands fastify its transport's rings (megabytes) to copy at
// start-up. What the copy reaches is counted here, in bytes, with fastify's own rfdc and options.

const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const rfdc = fromFastify('rfdc') as (options: { circles: boolean; proto: boolean }) => <T>(value: T) => T;

/** Bytes of every typed array or ArrayBuffer reachable through own properties of `value`. */
function reachableBytes(value: unknown, seen = new Set<object>()): number {
  if (value === null || typeof value !== 'object' || seen.has(value)) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return value.byteLength;
  let bytes = 0;
  for (const key of Object.getOwnPropertyNames(value)) {
    bytes += reachableBytes((value as Record<string, unknown>)[key], seen);
  }
  return bytes;
}

test("fastify's start-up copy of its options copies none of the transport's memory", async () => {
  const transport = createTransport({ dest: '/dev/null' });
  try {
    const log = createLogger({ transport, name: 'api' });
    const child = log.child({ reqId: 'req-1' });
    const copy = rfdc({ circles: true, proto: false })({ loggerInstance: child });
    // A logger's own encoded bindings may come along (a few hundred bytes); its sink may not.
    assert.ok(reachableBytes(copy) < 4096, `the copy holds ${reachableBytes(copy)} bytes of buffers`);
  } finally {
    await transport.close();
  }
});
