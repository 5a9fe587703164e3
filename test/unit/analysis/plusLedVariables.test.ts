// Which variables put make's '+' prefix at the start of a recipe line, so that the line runs under -n, -q and -t.
import { strict as assert } from 'node:assert';
import { leadingReference, plusLedLeader, plusLedVariables } from '../../../engine/analysis/plusLedVariables';

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

  it("names the '+'-led variable a recipe line starts with, and asks for the set only when the line starts with a reference", () => {
    let asked = 0;
    const plusLed = (): ReadonlySet<string> => {
      asked++;
      return new Set(['RUN']);
    };
    assert.equal(plusLedLeader('@$(RUN) x', plusLed), 'RUN');
    assert.equal(plusLedLeader('$(CC) -c x.c', plusLed), undefined, 'CC is not led by +');
    assert.equal(asked, 2);
    assert.equal(plusLedLeader('echo $(RUN)', plusLed), undefined, 'only the start of the line counts');
    assert.equal(asked, 2, 'a line starting with no reference never builds the set');
  });
});
