/**
 * How big the examples' loops are. provide.foundation's page's counts are the defaults; the test run
 * sets EXAMPLE_MESSAGE_COUNT (e.g. 1000) to scale every loop down so the whole set runs in seconds.
 */
export function messageCount(pageCount: number): number {
  const text = process.env.EXAMPLE_MESSAGE_COUNT;
  if (text === undefined || text === '') return pageCount;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`EXAMPLE_MESSAGE_COUNT must be a positive integer, got ${JSON.stringify(text)}`);
  }
  // Loops the page sized relative to 10,000 keep their proportion (5,000 -> half, 1,000 -> a tenth).
  return Math.max(1, Math.round((count * pageCount) / 10_000));
}

/** Where files an example writes go (performance_results.json). Defaults to the working directory. */
export function resultsDir(): string {
  return process.env.EXAMPLE_RESULTS_DIR ?? process.cwd();
}
