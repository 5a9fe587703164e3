// The verdict's starting place names a project file as the steps do: relative inside the project, as is outside it.
import * as assert from 'node:assert/strict';
import { decideVerdict, type EscalationFacts, evaluateCriteria } from '../../../engine/evidence/escalation';
import type { EvidenceLocation } from '../../../engine/evidence/evidenceTypes';

const ROOT = '/home/user/project';

/** Facts with nothing to escalate and one pointer: a local fix that starts at the pointer. */
function factsPointingAt(pointer: EvidenceLocation): EscalationFacts {
  return {
    reproduced: true,
    plannedRebuilds: [],
    ungathered: [],
    unstableRuns: [],
    outsideMakefiles: [],
    toolFailures: [],
    makeErrors: [],
    influentialVariables: [],
    makeVersion: '4.3',
    unexplainedParallelDifferences: 0,
    parallelFindings: 0,
    parallelismDisabledAt: [],
    pointers: [pointer],
  };
}

function verdictFor(file: string, line?: number): string {
  const facts = factsPointingAt({
    file,
    line,
    message: 'doc/stamp-vti: older than configure',
    ruleId: 'convergence/stale-target',
    level: 'warning',
  });
  const verdict = decideVerdict(evaluateCriteria(facts), facts, ROOT);
  assert.equal(verdict.kind, 'local-fix', verdict.summary);
  return verdict.summary;
}

describe('the verdict names its starting place', () => {
  it('relative to the project for a makefile inside it', () => {
    assert.equal(
      verdictFor(`${ROOT}/doc/Makefile`, 1716),
      'A local fix: start at doc/Makefile:1716 \u2014 doc/stamp-vti: older than configure',
    );
  });

  it('as is for a makefile outside the project', () => {
    assert.match(verdictFor('/usr/share/mk/rules.mk', 3), /start at \/usr\/share\/mk\/rules\.mk:3 /);
  });

  it('as the project folder when no rule file is known', () => {
    assert.match(verdictFor(ROOT), /^A local fix: start in this folder \u2014 /);
  });
});
