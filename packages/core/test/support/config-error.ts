import { configErrorAssertion } from '@sluice/test-support/config-error';
import * as core from '../../dist/esm/index.js';

/** See configErrorAssertion: against the classes of core's own build, which these tests import. */
export const assertConfigError = configErrorAssertion(core);
