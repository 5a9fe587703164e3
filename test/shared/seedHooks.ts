// Mocha root hooks: a failed test prints the run's seed (see seed.ts) so its random inputs can be replayed.
import type { Context } from 'mocha';
import { replayHint, SEED } from './seed';

export const mochaHooks = {
  beforeAll(): void {
    if (process.env.MAKESCOPE_SEED) console.log(`  (MAKESCOPE_SEED=${SEED})`);
  },
  afterEach(this: Context): void {
    if (this.currentTest?.state === 'failed') console.log(`    ${replayHint()}`);
  },
};
