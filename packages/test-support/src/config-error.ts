import assert from 'node:assert/strict';

/** The error classes a package's tests check against, from the build that package's tests import. */
export interface SluiceErrorClasses {
  readonly SluiceError: abstract new (...args: never[]) => Error;
  readonly SluiceConfigError: new (...args: never[]) => Error & { readonly code: string };
}

/**
 * The assertion for one build of @sluice/core (core's tests import its dist directly, the other
 * packages import the package: `instanceof` needs the classes of the module the code under test threw
 * from). The assertion checks that `action` throws a SluiceConfigError (a SluiceError with code
 * ERR_SLUICE_CONFIG) whose message contains every one of `mentions`, and returns it.
 */
export function configErrorAssertion<Classes extends SluiceErrorClasses>(
  classes: Classes,
): (action: () => unknown, mentions: readonly string[]) => InstanceType<Classes['SluiceConfigError']> {
  const { SluiceError, SluiceConfigError } = classes;
  return (action, mentions) => {
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
    return caught as InstanceType<Classes['SluiceConfigError']>;
  };
}
