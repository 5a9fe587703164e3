// Where a probe's make runs, decided from the policy, the risky lines, the machine's isolation and the project.
import * as assert from 'node:assert/strict';
import { choosePlacement, copyIsSafe, type PlacementInput } from '../../../engine/probes/placement';
import type { SafetyRisk } from '../../../engine/probes/safety';

const risk: SafetyRisk = {
  kind: 'make-line',
  file: 'Makefile',
  line: 3,
  text: '$(MAKE) -C lib',
  why: 'runs under -n',
};
const root = { root: '/work/project', why: 'the repository' };
const overlay = { kind: 'overlayfs', userNamespace: true } as const;
const none = { kind: 'none', why: 'user namespaces are off' } as const;

function where(input: Partial<PlacementInput>): string {
  return choosePlacement({ policy: 'auto', risks: [], builds: false, isolation: overlay, root, ...input })
    .where;
}

describe('isolation: placement', () => {
  it('isolates every run where the machine allows it, risky or not', () => {
    assert.equal(where({}), 'isolated');
    assert.equal(where({ risks: [risk] }), 'isolated');
    assert.equal(where({ builds: true }), 'isolated');
    assert.equal(where({ policy: 'always' }), 'isolated');
  });

  it('without isolation: in place when nothing can write, a copy when that is safe, else refused with the way out', () => {
    assert.equal(where({ isolation: none }), 'in-place');
    assert.equal(where({ isolation: none, policy: 'always' }), 'copy');
    assert.equal(where({ isolation: none, risks: [risk] }), 'copy');
    const refused = choosePlacement({
      policy: 'auto',
      risks: [risk],
      builds: false,
      isolation: none,
      root,
      copyUnsafe: 'the makefiles name /work/project/build',
    });
    assert.equal(refused.where, 'refused');
    assert.match(
      refused.reasons[0],
      /user namespaces are off.*\/work\/project\/build.*unprivileged_userns_clone/,
    );
  });

  it('policy "never" runs in place only when nothing can write', () => {
    assert.equal(where({ policy: 'never' }), 'in-place');
    assert.equal(where({ policy: 'never', risks: [risk] }), 'refused');
    assert.equal(where({ policy: 'never', builds: true }), 'refused');
  });

  it('names the isolation, the root and why, then the risky lines', () => {
    const placement = choosePlacement({
      policy: 'auto',
      risks: [risk],
      builds: false,
      isolation: overlay,
      root,
    });
    assert.deepEqual(placement.reasons, [
      'isolated at the same paths with overlayfs over /work/project (the repository)',
      'Makefile:3: runs under -n: $(MAKE) -C lib',
    ]);
  });

  it('a copy is unsafe when the makefiles name the project by absolute path or reach outside the copied folder', () => {
    assert.equal(copyIsSafe('/w/p', '/w/p', ['/usr/bin/cc', '../../elsewhere']), undefined);
    assert.match(copyIsSafe('/w/p/_build', '/w/p', ['/w/p']) ?? '', /name \/w\/p, a path inside the project/);
    assert.match(copyIsSafe('/w/p/src', '/w/p', ['../deps']) ?? '', /reach \.\.\/deps/);
    // /l/p is a link to /w/p: named by the link, the project is still the project.
    const realNames = new Map([['/l/p/out', '/w/p/out']]);
    assert.match(
      copyIsSafe('/w/p', '/w/p', ['/l/p/out'], realNames) ?? '',
      /name \/l\/p\/out \(\/w\/p\/out\)/,
    );
  });
});
