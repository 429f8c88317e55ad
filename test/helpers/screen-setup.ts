/**
 * Set-up of the unit project's screen tests: `findBy…` and `waitFor` wait up to 5 s, not 1 s. A
 * screen renders against a real device database and loads its message catalogs first, which on a
 * busy two-core machine can take more than a second; a screen that never shows still fails.
 */
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5_000 });
