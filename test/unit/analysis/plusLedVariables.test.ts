// Which variables put make's '+' prefix at the start of a recipe line, so that the line runs under -n, -q and -t.
import { strict as assert } from 'node:assert';
import { leadingReference, plusLedVariables } from '../../../engine/analysis/plusLedVariables';

describe('plusLedVariables (engine/analysis)', () => {
  it("finds a value led by '+', after blanks, '@' and '-', and a value led by such a variable, in any order", () => {
    const found = plusLedVariables([
      { name: 'Q', value: '$(P) -C' },
      { name: 'P', value: ' @+$(MAKE)' },
      { name: 'GIT', value: '+$(MAKE) -C # space to separate -C and subdir' },
      { name: 'CC', value: 'gcc' },
      { name: 'MID', value: 'echo +1' },
      { name: 'R', value: '${Q}' },
    ]);
    assert.deepEqual([...found].sort(), ['GIT', 'P', 'Q', 'R']);
  });

  it("reads the environment's values too (make imports them)", () => {
    assert.deepEqual([...plusLedVariables([], { RUN: '+touch x', HOME: '/root' })], ['RUN']);
  });

  it('names the variable a recipe line starts with, after its own prefixes', () => {
    assert.equal(leadingReference('$(QUIET_SUBDIR0)templates all'), 'QUIET_SUBDIR0');
    assert.equal(leadingReference('@-${RUN} x'), 'RUN');
    assert.equal(leadingReference('$Rx'), 'R');
    assert.equal(leadingReference('$(call RUN_CMD,x)'), 'RUN_CMD', 'RUN_CMD = +touch $(1) runs under -n too');
    assert.equal(leadingReference('echo $(RUN)'), undefined);
    assert.equal(leadingReference('$(shell date)'), undefined, 'a function call is no variable');
  });
});
