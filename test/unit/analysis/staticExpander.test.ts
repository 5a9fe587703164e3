// The static expander resolves include-path idioms and gives up on anything only make can know.
import * as assert from 'node:assert/strict';
import { expandStatically, type StaticScope } from '../../../engine/analysis/staticExpander';

function scope(values: Record<string, string>, recursive = false): StaticScope {
  return {
    lookup: (name) => (name in values ? { value: values[name] as string, recursive } : undefined),
    currentFile: '/src/project/mk/rules.mk',
    curdir: '/src/project',
  };
}

describe('expandStatically', () => {
  it('expands variable references in every form', () => {
    const s = scope({ TOP: '/src/project', A: 'x' });
    assert.equal(expandStatically('$(TOP)/mk/common.mk', s), '/src/project/mk/common.mk');
    assert.equal(expandStatically('${TOP}/a $A', s), '/src/project/a x');
    assert.equal(expandStatically('cost $$5', s), 'cost $5');
  });

  it('follows recursive variables and nested names', () => {
    const s = scope({ ROOT: '$(BASE)/root', BASE: '/b', NAME: 'ROOT' }, true);
    assert.equal(expandStatically('$(ROOT)', s), '/b/root');
    assert.equal(expandStatically('$($(NAME))', s), '/b/root');
  });

  it('knows the idiom for the directory of the current makefile', () => {
    const s = scope({});
    assert.equal(
      expandStatically('$(dir $(lastword $(MAKEFILE_LIST)))common.mk', s),
      '/src/project/mk/common.mk',
    );
    assert.equal(expandStatically('$(CURDIR)/x.mk', s), '/src/project/x.mk');
    assert.equal(expandStatically('$(abspath sub/../y.mk)', s), '/src/project/y.mk');
  });

  it('gives up on unknown variables, unknown functions and unbalanced text', () => {
    const s = scope({});
    assert.equal(expandStatically('$(UNSET)/a.mk', s), undefined);
    assert.equal(expandStatically('$(shell echo a.mk)', s), undefined);
    assert.equal(expandStatically('$(unclosed', s), undefined);
  });

  it('stops on self-reference instead of looping', () => {
    const s = scope({ LOOP: '$(LOOP)' }, true);
    assert.equal(expandStatically('$(LOOP)', s), undefined);
  });
});

describe('expandStatically substitution references', () => {
  it('replaces suffixes and patterns like make', () => {
    const s = scope({ LOGS: 'a.log b.log c.txt', OBJS: 'src/x.o src/y.o' });
    assert.equal(expandStatically('$(LOGS:.log=.trs)', s), 'a.trs b.trs c.txt');
    assert.equal(expandStatically('$(OBJS:src/%.o=build/%.d)', s), 'build/x.d build/y.d');
  });
});

describe('expandStatically $(if)', () => {
  it('expands only the branch its condition chooses (kbuild: srctree, build)', () => {
    const s = scope({ SRC: '/elsewhere', EMPTY: '' });
    assert.equal(expandStatically('$(if $(SRC),$(SRC),$(CURDIR))', s), '/elsewhere');
    assert.equal(expandStatically('$(if $(EMPTY),$(SRC),$(CURDIR))', s), '/src/project');
    assert.equal(
      expandStatically('-f $(if $(EMPTY),$(SRC)/)scripts/Makefile.build', s),
      '-f scripts/Makefile.build',
    );
    // The branch not taken may hold what only make knows.
    assert.equal(expandStatically('$(if $(SRC),ok,$(shell pwd))', s), 'ok');
  });

  it('gives up when the condition depends on an unknown variable, unless unknown is empty', () => {
    const s = scope({});
    assert.equal(expandStatically('$(if $(KBUILD_SRC),$(KBUILD_SRC),$(CURDIR))', s), undefined);
    assert.equal(
      expandStatically('$(if $(KBUILD_SRC),$(KBUILD_SRC),$(CURDIR))', { ...s, unknownIsEmpty: true }),
      '/src/project',
    );
  });
});
