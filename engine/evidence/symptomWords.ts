// What a reported symptom is about, read from its words: slowness calls for the timeline, a flaky or parallel failure for the audit.

const SLOW =
  /\b(slow|slower|sluggish|takes? (too |so |very )?long|long(er)? build|minutes|hours|hangs?|stuck|speed|faster|timed? ?out)\b/i;
const RACE =
  /\b(race|racy|flak[ey]|intermittent(ly)?|random(ly)?|sometimes|parallel|-j ?\d*|missing (dependency|prerequisite)|dependenc(y|ies)|out of order|nondeterministic)\b|-j\d*/i;

/** The symptom says the build takes too long: the ladder adds the build timeline. */
export function readsAsSlow(symptom: string | undefined): boolean {
  return symptom !== undefined && SLOW.test(symptom);
}

/** The symptom says the build fails now and then or only in parallel: the ladder adds the dependency audit. */
export function readsAsRace(symptom: string | undefined): boolean {
  return symptom !== undefined && RACE.test(symptom);
}
