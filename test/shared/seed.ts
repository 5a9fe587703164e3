// The one seed of a test run's random inputs: MAKESCOPE_SEED=N replays a run, else a fresh seed is drawn.
import { randomInt } from 'node:crypto';

function chosenSeed(): number {
  const given = process.env.MAKESCOPE_SEED;
  if (given === undefined || given === '') return randomInt(0, 2 ** 31);
  const seed = Number(given);
  if (!Number.isSafeInteger(seed))
    throw new Error(`MAKESCOPE_SEED must be an integer, not ${JSON.stringify(given)}`);
  return seed | 0;
}

/** Every fast-check run and every hand-rolled generator of this process starts from it. */
export const SEED = chosenSeed();

/** The line a failure prints so the run can be replayed with the same inputs. */
export function replayHint(): string {
  return `random inputs of this run used seed ${SEED}; replay with MAKESCOPE_SEED=${SEED}`;
}
