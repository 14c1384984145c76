import * as core from '@sluice/core';
import { configErrorAssertion } from '@sluice/test-support/config-error';

/** See configErrorAssertion: against the classes of the @sluice/core that foundation throws from. */
export const assertConfigError = configErrorAssertion(core);
