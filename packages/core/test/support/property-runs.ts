/** Enough to shake out the usual cases while keeping the whole suite quick. */
const DEFAULT_PROPERTY_RUNS = 300;

/**
 * Runs per fast-check property: SLUICE_LONG_PROPERTY_RUNS (e.g. 100000) for a long soak, else the
 * default.
 */
export const PROPERTY_RUNS = Number(process.env.SLUICE_LONG_PROPERTY_RUNS) || DEFAULT_PROPERTY_RUNS;
