import type { TemplateOut } from './competitors.js';

/**
 * The reference record written by hand: the call site knows its keys and constants, so only the
 * iteration is interpolated. The floor under seed-event and seed-object.
 */
export function referenceTemplateCall(out: TemplateOut): () => void {
  let i = 0;
  return () =>
    out.write(
      `{"level":30,"time":${Date.now()},${out.base},"iteration":${i++},"batch":"performance_test","user_id":12345,"success":true,"msg":"benchmark message"}\n`,
    );
}
