#!/usr/bin/env node
// `pnpm bench [--filter <suite|scenario>] [--quick] [--json]`: builds @sluice/bench and what it depends
// on, then runs its CLI with this command's arguments. pnpm passes the options that follow a script's
// name to the script, so `pnpm bench --filter core` arrives here as `--filter core`.
import { buildAndRun } from './bench-run.mjs';

buildAndRun('cli.js');
