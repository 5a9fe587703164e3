// Problems: what make would reject, reported once with the range and severity a user sees.
import * as assert from 'node:assert/strict';
import { at, parseMakefile, problemCodes, unknowns } from './parseHelpers';

describe('parser: problems', () => {
  it('reports a line that is none of the known forms as a missing separator', () => {
    const file = parseMakefile('all: x\n\techo ok\nthis is not make\n');
    assert.deepEqual(problemCodes(file), ['missing-separator']);
    assert.equal(file.problems[0].message, 'missing separator');
    assert.equal(file.problems[0].severity, 'error');
    assert.equal(at(file.problems[0].range), '2:0-2:16');
    assert.equal(unknowns(file)[0].text, 'this is not make');
  });

  it('accepts a line made only of references, which make may expand to nothing', () => {
    const file = parseMakefile('$(foreach d,$(DIRS),$(eval $(call rule,$(d))))\n  $(info hi)  # note\n');
    assert.deepEqual(problemCodes(file), []);
    assert.deepEqual(
      unknowns(file).map((u) => u.expandsOnly),
      [true, true],
    );
    assert.equal(file.references[0].functionName, 'foreach');
  });

  it('only warns when a line without a separator holds references that might expand to one', () => {
    const file = parseMakefile('$(TARGET) extra words\n');
    assert.deepEqual(problemCodes(file), ['missing-separator']);
    assert.equal(file.problems[0].severity, 'warning');
  });

  it('reports space-indented commands after a rule, even ones make would read as a rule', () => {
    const file = parseMakefile('all:\n    echo hi\n    @echo done: $@\n');
    assert.deepEqual(problemCodes(file), ['recipe-with-spaces', 'recipe-with-spaces']);
    assert.deepEqual(
      file.problems.map((p) => at(p.range)),
      ['1:4-1:11', '2:4-2:18'],
    );
  });

  it('does not confuse indented assignments after a rule with recipes', () => {
    const file = parseMakefile('all:\n\techo\nifdef X\n  Y = 1\nendif\n');
    assert.deepEqual(problemCodes(file), []);
  });

  it('reports endef without define', () => {
    const file = parseMakefile('X = 1\nendef\n');
    assert.deepEqual(problemCodes(file), ['endef-without-define']);
    assert.equal(at(file.problems[0].range), '1:0-1:5');
  });

  it('reports binary content once and ignores the rest of each line after a NUL, like make', () => {
    const file = parseMakefile('A = 1\0junk: x\nB = 2\0\0\nall:\n\t@echo\0hi\n');
    assert.deepEqual(problemCodes(file), ['binary-content']);
    assert.equal(at(file.problems[0].range), '0:5-0:6');
    const values = file.statements.flatMap((s) => (s.type === 'assignment' ? [s.value] : []));
    assert.deepEqual(values, ['1', '2']);
  });
});
