#!/usr/bin/env node
// `pnpm bench:check [--margin <percent>] [--update]`: compares the sluice/pino ratios of the latest
// results with benchmarks/baseline.json (see packages/bench/src/check.ts).
import { buildAndRun } from './bench-run.mjs';

buildAndRun('check.js');
