#!/usr/bin/env node
// Builds the package in the current directory: ESM (dist/esm) and CommonJS (dist/cjs), each with .d.ts.
// Both are plain tsc runs; dist/cjs gets its own package.json so Node reads its .js files as CommonJS.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const run = (project) => execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run('tsconfig.json');
if (existsSync('tsconfig.cjs.json')) {
  run('tsconfig.cjs.json');
  mkdirSync(join('dist', 'cjs'), { recursive: true });
  writeFileSync(join('dist', 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
}
