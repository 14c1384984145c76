/**
 * Compile-time checks for precompiled events' arguments (see level-names.ts for how these run). The
 * tuple form is exact; the object form cannot be positional (TypeScript does not keep an object
 * type's key order), so each argument is any of the schema's value types, and their number is checked.
 */
import type { Logger } from '../../dist/esm/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

export function objectForm(log: Logger): void {
  const ev = log.event('m', { id: 'integer', name: 'string', ok: 'boolean' });
  type _Args = Expect<
    Equal<
      Parameters<typeof ev.info>,
      [string | number | boolean, string | number | boolean, string | number | boolean]
    >
  >;
  ev.info(1, 'ada', true);
  // @ts-expect-error: an object is none of the declared types
  ev.info({}, 'ada', true);
  // @ts-expect-error: too few arguments
  ev.info(1, 'ada');
  // @ts-expect-error: no arguments
  ev.info();
  // @ts-expect-error: too many arguments
  ev.info(1, 'ada', true, 4);
  const empty = log.event('m', {});
  empty.info();
  // @ts-expect-error: an event without fields takes no arguments
  empty.info(1);
}

export function tupleForm(log: Logger): void {
  const ev = log.event('m', [
    ['id', 'integer'],
    ['name', 'string'],
  ]);
  type _Args = Expect<Equal<Parameters<typeof ev.info>, [number, string]>>;
  // @ts-expect-error: wrong type in the first position
  ev.info('1', 'ada');
}
