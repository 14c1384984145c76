// A node:test reporter that counts outcomes and writes them to the file named by its destination, as
// one JSON object: { passed, failed, skipped } (a todo counts as skipped). scripts/test-all.mjs adds the packages' files into the
// closing line of `pnpm test`. A skipped or failed suite counts once: node's own summary leaves a
// skipped `describe` out of its skip count, which hid the syslog suites on machines without rsyslogd.
export default async function* countOutcomes(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { skip, todo, details } = event.data;
    const isSuite = details?.type === 'suite';
    if (skip !== undefined || todo !== undefined) {
      counts.skipped++;
    } else if (event.type === 'test:fail') {
      // A parent that failed only because a child did is not a failure of its own.
      if (details?.error?.failureType !== 'subtestsFailed') counts.failed++;
    } else if (!isSuite) {
      counts.passed++;
    }
  }
  yield `${JSON.stringify(counts)}\n`;
}
