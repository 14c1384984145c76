import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import type fc from 'fast-check';
import { packageRoot } from './records.js';

/**
 * Core's hostile corpus (packages/core/test/support/hostile-arbitraries.ts), the one its own property
 * tests use, bundled here with esbuild: core's tests compile into their own tree, which this package's
 * tests cannot import from, and a second copy of the corpus would drift.
 */
export interface Recipe<T> {
  build(): T;
  readonly label: string;
}

export interface CoreHostileCorpus {
  readonly hostileFields: fc.Arbitrary<Recipe<object>>;
  readonly hostileValue: fc.Arbitrary<Recipe<unknown>>;
  readonly hostileString: fc.Arbitrary<string>;
  readonly FORGERY_PAYLOADS: readonly string[];
  readonly HOSTILE_FACTORIES: readonly (() => unknown)[];
  readonly RISKY_KEYS: readonly string[];
}

export async function loadCoreHostileCorpus(): Promise<CoreHostileCorpus> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-corpus-'));
  const outfile = join(dir, 'hostile-arbitraries.mjs');
  buildSync({
    entryPoints: [join(packageRoot, '..', 'core', 'test', 'support', 'hostile-arbitraries.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'error',
  });
  try {
    return (await import(pathToFileURL(outfile).href)) as CoreHostileCorpus;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
