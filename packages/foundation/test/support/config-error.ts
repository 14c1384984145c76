import assert from 'node:assert/strict';
import { SluiceConfigError, SluiceError } from '@sluice/core';

/**
 * Asserts that `action` throws a SluiceConfigError (a SluiceError with code ERR_SLUICE_CONFIG) whose
 * message contains every one of `mentions`, and returns it.
 */
export function assertConfigError(action: () => unknown, mentions: readonly string[]): SluiceConfigError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof SluiceConfigError, `expected SluiceConfigError, got ${String(caught)}`);
  assert.ok(caught instanceof SluiceError);
  assert.ok(caught instanceof Error);
  assert.equal(caught.code, 'ERR_SLUICE_CONFIG');
  assert.equal(caught.name, 'SluiceConfigError');
  for (const text of mentions) {
    assert.ok(caught.message.includes(text), `message ${JSON.stringify(caught.message)} mentions ${text}`);
  }
  return caught;
}
