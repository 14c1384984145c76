#!/usr/bin/env node
// `pnpm bench:check [--margin <percent>] [--results <dir>]`: the regression gate, the latest results'
// sluice/pino ratios against benchmarks/baseline.json's noise bands, re-measuring what it flags;
// `--update` measures the bands (see packages/bench/src/check.ts).
import { buildAndRun } from './bench-run.mjs';

buildAndRun('check.js');
