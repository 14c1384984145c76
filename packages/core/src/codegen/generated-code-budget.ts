/**
 * Characters of generated source a thread may hold at once. What V8 parses, compiles and keeps grows
 * with the source, not with the number of functions (a sixteen-key shape writer weighs as much as
 * dozens of fixed-bytes writers), so source characters are the unit. Far above what a logger's steady
 * state holds (the core bench scenarios: see generatedSourceLeft); past it, the interpreted paths write
 * the same bytes.
 */
const GENERATED_SOURCE_BUDGET = 4 * 1024 * 1024;

let left = GENERATED_SOURCE_BUDGET;

/** Gives code's characters back when what holds it is collected: a long run's new hot keys still compile. */
const refunds = new FinalizationRegistry<number>(giveBackGeneratedSource);

/** Takes `chars` from the budget; false, taking nothing, when that is more than is left. */
export function spendGeneratedSource(chars: number): boolean {
  if (chars > left) return false;
  left -= chars;
  return true;
}

/** Returns `chars` spent on code that did not compile. */
export function giveBackGeneratedSource(chars: number): void {
  left += chars;
}

/** Returns `chars` to the budget once `holder` (what keeps the generated code alive) is collected. */
export function refundWhenCollected(holder: object, chars: number): void {
  refunds.register(holder, chars);
}

/** Characters of generated source this thread may still create. */
export function generatedSourceLeft(): number {
  return left;
}

/**
 * Sets what is left, for tests that run past the budget: code already compiled stays, and what it
 * gives back when collected is added to this.
 */
export function setGeneratedSourceLeft(chars: number): void {
  left = chars;
}
