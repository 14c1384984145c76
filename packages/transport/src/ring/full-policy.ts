import { SluiceConfigError } from '@sluice/core';

/**
 * What a producer does when its ring has no room for a record:
 * - `block`: wait for the sink worker to make room (nothing is dropped; if the worker is gone, the
 *   producer writes the ring out itself);
 * - `drop`: never wait; the record is dropped and counted per level, and the sink writes a record saying
 *   how many were dropped once it catches up;
 * - `shed`: drop records below `shedBelow`, block for the rest.
 */
export type FullPolicy = 'block' | 'drop' | 'shed';

export const FULL_POLICIES: readonly FullPolicy[] = ['block', 'drop', 'shed'];

export function validatePolicy(policy: unknown): FullPolicy {
  if (!FULL_POLICIES.includes(policy as FullPolicy)) {
    throw new SluiceConfigError(
      `Invalid policy: ${JSON.stringify(policy)}. Valid choices: ${FULL_POLICIES.map((p) => JSON.stringify(p)).join(', ')}.`,
    );
  }
  return policy as FullPolicy;
}
