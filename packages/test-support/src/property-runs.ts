/** Enough to shake out the usual cases while keeping the whole suite quick. */
const DEFAULT_PROPERTY_RUNS = 300;
/** The long mode (SLUICE_LONG_TESTS=1, shared with the transport's full-size runs). */
const LONG_PROPERTY_RUNS = 5000;

/**
 * Runs per fast-check property: SLUICE_LONG_PROPERTY_RUNS (e.g. 100000) for a soak of its own size,
 * else LONG_PROPERTY_RUNS under SLUICE_LONG_TESTS=1, else the default.
 */
export const PROPERTY_RUNS =
  Number(process.env.SLUICE_LONG_PROPERTY_RUNS) ||
  (process.env.SLUICE_LONG_TESTS === '1' ? LONG_PROPERTY_RUNS : DEFAULT_PROPERTY_RUNS);
