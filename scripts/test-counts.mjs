// Where each package's test run leaves its counts ({ passed, failed, skipped }), relative to the
// package's folder; scripts/test-all.mjs reads them back for `pnpm test`'s closing line.
export const TEST_COUNTS_FILE = '.test-counts.json';
