/** A mistake in how the bench was invoked (an unknown flag or scenario): printed without a stack. */
export class BenchUsageError extends Error {
  readonly code = 'SLUICE_BENCH_USAGE';

  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}
