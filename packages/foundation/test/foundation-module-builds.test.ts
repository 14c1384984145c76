import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const PACKAGE = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const ESM_ENTRY = JSON.stringify(join(PACKAGE, 'dist/esm/index.js'));
const CJS_ENTRY = JSON.stringify(join(PACKAGE, 'dist/cjs/index.js'));
const REQUIRE_BASE = JSON.stringify(join(PACKAGE, 'package.json'));

/**
 * A program (after a prelude that defines `sluice` and `req`) that registers an OpenTelemetry context
 * manager, logs inside a span at once and again once telemetryReady() resolved (when the asynchronous
 * fallback has found the API), and prints the lines.
 */
const BODY = `
const otel = req('@opentelemetry/api');
const { AsyncLocalStorage } = req('node:async_hooks');
const als = new AsyncLocalStorage();
otel.context.setGlobalContextManager({
  active: () => als.getStore() ?? otel.ROOT_CONTEXT,
  with: (ctx, fn, thisArg, ...args) => als.run(ctx, () => fn.call(thisArg, ...args)),
  bind: (_ctx, target) => target,
  enable() { return this; },
  disable() { return this; },
});
const lines = [];
sluice.setupTelemetry({ env: {}, destination: { write: (l) => lines.push(l) },
  logging: { consoleFormatter: 'json', omitTimestamp: true, loggerNameEmojiPrefixEnabled: false } });
const span = otel.trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 });
const inSpan = (msg) => otel.context.with(otel.trace.setSpan(otel.ROOT_CONTEXT, span), () => sluice.getLogger('build').info(msg));
inSpan('at once');
sluice.telemetryReady().then(() => { inSpan('later'); process.stdout.write(lines.join('')); });
`;

const CJS_PROGRAM = `const sluice = require(${CJS_ENTRY});
const req = require('node:module').createRequire(${REQUIRE_BASE});
${BODY}`;

const ESM_PROGRAM = `import { createRequire } from 'node:module';
const sluice = await import(${ESM_ENTRY});
const req = createRequire(${REQUIRE_BASE});
${BODY}`;

function run(args: string[], cwd: string): Array<Record<string, unknown>> {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('the CommonJS build: setupTelemetry, getLogger and OpenTelemetry ids work through require()', () => {
  const records = run(['-e', CJS_PROGRAM], PACKAGE);
  assert.equal(records[0].event, 'at once');
  assert.equal(
    records[0].trace_id,
    '0af7651916cd43dd8448eb211c80319c',
    'found at setup from the working directory',
  );
  assert.equal(records[1].span_id, 'b7ad6b7169203331');
});

test('both builds find @opentelemetry/api from @sluice/foundation’s own folder when the app’s folder has none', () => {
  const elsewhere = mkdtempSync(join(tmpdir(), 'sluice-no-otel-'));
  try {
    for (const args of [
      ['--input-type=module', '-e', ESM_PROGRAM],
      ['-e', CJS_PROGRAM],
    ]) {
      const records = run(args, elsewhere);
      // Found by a dynamic import() resolved from sluice's folder: the ids appear once it settled.
      assert.equal(records[0].trace_id, undefined, 'not yet: the look-up is asynchronous');
      assert.equal(records[1].event, 'later');
      assert.equal(records[1].trace_id, '0af7651916cd43dd8448eb211c80319c', args[0]);
    }
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
