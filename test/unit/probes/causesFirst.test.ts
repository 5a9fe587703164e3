// The order convergence names stale targets in: what the real second make wrote, then causes first.
import * as assert from 'node:assert/strict';
import { causesFirst } from '../../../engine/probes/causesFirst';
import type { LocatedTarget } from '../../../engine/probes/traceModel';

function target(name: string, prerequisites: string[], count?: number): LocatedTarget {
  return {
    name,
    directory: '/p',
    reason: { kind: 'newer-prerequisites', prerequisites, text: prerequisites.join(' ') },
    phony: false,
    recipe: [],
    makeLevel: 0,
    subMakes: [],
    ...(count === undefined ? {} : { prerequisiteCount: count }),
  };
}

describe('causesFirst', () => {
  // make -n's visit order on busybox after touching libbb/xfuncs.c, in small.
  const header = target('include/autoconf.h', ['libbb/xfuncs.c'], 900);
  const object = target('libbb/xfuncs.o', ['libbb/xfuncs.c', 'prepare'], 2);
  const archive = target('libbb/lib.a', ['libbb/xfuncs.o'], 200);
  const made = new Set(['include/autoconf.h', 'libbb/xfuncs.o', 'libbb/lib.a', 'prepare']);
  const names = (targets: LocatedTarget[]): string[] => targets.map((t) => t.name);

  it('names the rebuild of the edited source before a header built from every source', () => {
    assert.deepEqual(names(causesFirst([header, archive, object], made)), [
      'libbb/xfuncs.o',
      'include/autoconf.h',
      'libbb/lib.a',
    ]);
  });

  it('names what the real second make wrote before what it did not get to (a stopped run)', () => {
    const written = (t: LocatedTarget): boolean => t.name !== 'libbb/xfuncs.o';
    assert.deepEqual(names(causesFirst([header, archive, object], made, written)), [
      'include/autoconf.h',
      'libbb/lib.a',
      'libbb/xfuncs.o',
    ]);
  });
});
