// Which reported symptoms add the timeline (slowness) or the dependency audit (races) to the evidence ladder.
import * as assert from 'node:assert/strict';
import { readsAsRace, readsAsSlow } from '../../../engine/evidence/symptomWords';

describe('symptom words', () => {
  it('reads slowness, but not "every time" or a failure, as slow', () => {
    for (const symptom of ['the build is slow', 'takes too long', 'CI job timed out', 'hangs at link'])
      assert.ok(readsAsSlow(symptom), symptom);
    for (const symptom of ['rebuilds every time', 'link fails on CI', undefined])
      assert.ok(!readsAsSlow(symptom), String(symptom));
  });

  it('reads flaky, parallel-only and missing-dependency failures as races', () => {
    for (const symptom of [
      'fails with -j8 sometimes',
      'flaky on CI',
      'make -j4 breaks',
      'missing dependency',
    ])
      assert.ok(readsAsRace(symptom), symptom);
    for (const symptom of ['the build is slow', 'rebuilds every time', undefined])
      assert.ok(!readsAsRace(symptom), String(symptom));
  });
});
