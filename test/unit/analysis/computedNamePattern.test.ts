// The names an assignment with a computed name can define, against what make defines for each.
import { strict as assert } from 'node:assert';
import { computedNamePattern } from '../../../engine/analysis/computedNamePattern';

describe('computedNamePattern (engine/analysis)', () => {
  it("matches every name make can define: cmake's $(VERBOSE)MAKESILENT is MAKESILENT, or 1MAKESILENT with VERBOSE=1", () => {
    const pattern = computedNamePattern('$(VERBOSE)MAKESILENT');
    assert.ok(pattern);
    assert.ok(pattern.test('MAKESILENT'));
    assert.ok(pattern.test('1MAKESILENT'));
    assert.ok(!pattern.test('MAKESILENT2'), 'the literal end is anchored');
    assert.ok(!pattern.test('SILENT'), 'the literal text is whole');
  });

  it('reads every form of reference, nested ones and $$', () => {
    assert.equal(computedNamePattern('$(call f,$(X))_CFLAGS')?.source, '^.*_CFLAGS$');
    assert.equal(computedNamePattern('${A}x$By')?.source, '^.*x.*y$');
    assert.equal(
      computedNamePattern('$(A)$(B).o')?.source,
      '^.*\\.o$',
      'two references in a row: one wildcard',
    );
    assert.ok(computedNamePattern('a$$b')?.test('a$b'));
    assert.equal(computedNamePattern('$(unclosed x'), undefined, 'an unclosed reference runs to the end');
  });

  it('gives no pattern for a name made only of references: it could be any name', () => {
    assert.equal(computedNamePattern('$(1)'), undefined);
    assert.equal(computedNamePattern('$(A)$(B)'), undefined);
  });
});
