/**
 * autocannon, the HTTP load generator of the server and http suites, typed for the part this bench
 * uses (autocannon ships no types).
 */
import { createRequire } from 'node:module';

export interface AutocannonResult {
  requests: { total: number };
  /** Milliseconds, whole numbers. */
  latency: { p50: number; p99: number };
  /** Seconds the run lasted. */
  duration: number;
  errors: number;
  non2xx: number;
}

export type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  /** Requests per second over all connections; unset: as fast as the server answers. */
  overallRate?: number;
}) => Promise<AutocannonResult>;

export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
