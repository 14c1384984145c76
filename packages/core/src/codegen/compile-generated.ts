import {
  giveBackGeneratedSource,
  refundWhenCollected,
  spendGeneratedSource,
} from './generated-code-budget.js';
import { identifier } from './source-text.js';

/**
 * The one way core turns generated source into a function. `source` is the body of a factory whose
 * parameters are `deps`' names, bound to its values; what the factory returns is the result. Null,
 * with nothing compiled, when compiling is refused: the thread's budget of generated source is spent
 * (generated-code-budget.ts), or the runtime forbids code generation from strings (CSP-like hosts,
 * `node --disallow-code-generation-from-strings`). Every caller then takes its interpreted path, which
 * writes the same bytes.
 *
 * `holder` is what keeps the code alive (the result itself by default): the budget gets the source's
 * characters back when it is collected.
 */
export function compileGenerated<T extends object>(source: string, deps: object, holder?: object): T | null {
  if (codeGenerationForbidden) return null;
  const names = Object.keys(deps).map(identifier);
  if (!spendGeneratedSource(source.length)) return null;
  let result: T;
  try {
    result = new Function(...names, source)(...Object.values(deps)) as T;
  } catch (error) {
    giveBackGeneratedSource(source.length);
    if (error instanceof EvalError) codeGenerationForbidden = true;
    return null;
  }
  refundWhenCollected(holder ?? result, source.length);
  return result;
}

/**
 * A library's own code generator (fast-json-stringify's serializers) under the same rule for a runtime
 * that forbids code generation: null then, so the caller takes its interpreted path. Not charged to the
 * budget: its code's size is the library's, and its output has no byte-identical interpreted twin, so
 * a spent budget must not change what it writes.
 */
export function runLibraryCodegen<T>(generate: () => T): T | null {
  if (codeGenerationForbidden) return null;
  try {
    return generate();
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    codeGenerationForbidden = true;
    return null;
  }
}

/** Set at the first EvalError from `new Function`: the runtime forbids it for good. */
let codeGenerationForbidden = false;
