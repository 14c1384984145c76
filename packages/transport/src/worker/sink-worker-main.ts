// The sink worker's entry point, bundled with its dependencies into one script at build time (see
// scripts/bundle-worker.mjs) and started from that source text: no file path to resolve at run time,
// so an application bundled into a single file still starts its sink worker.
import { runSinkWorker } from './sink-worker.js';

runSinkWorker();
