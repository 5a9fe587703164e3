// Types of eslint.boundaries.mjs for the unit test that lints with it.
import type { Linter } from 'eslint';

export const boundaries: Linter.Config[];
