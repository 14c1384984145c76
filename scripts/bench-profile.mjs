#!/usr/bin/env node
// `pnpm bench:profile <scenario> [--quick] [--top <n>]`: CPU and heap-allocation profile of one
// scenario, summarised (see packages/bench/src/profile.ts).
import { buildAndRun } from './bench-run.mjs';

buildAndRun('profile.js');
