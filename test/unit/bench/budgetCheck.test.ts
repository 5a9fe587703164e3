// `npm run bench -- --check`: which budgets count, and what the table says of a blocked one.
import { strict as assert } from 'node:assert';
import type { Figure } from '../../../bench/figures';
import { checkBudgets, checkSummary, table, type Budget } from '../../../bench/report';

function figure(key: string, value: number, ratios?: Record<string, number>): Figure {
  return { key, section: 'parser', label: key, value, unit: 'x', ratios };
}

const BUDGETS: Record<string, Budget> = {
  'parser.real:vsNative': { min: 8, unit: 'x', from: 'issue 19' },
  'parser.lint:overParse': {
    max: 0.5,
    unit: 'x',
    from: 'issue 21',
    blocked: 'issue 21 ended blocked on this budget',
  },
};

describe('bench: the budget check', () => {
  it('a blocked budget that misses is shown as a MISS and BLOCKED, and --check does not count it', () => {
    const figures = [
      figure('parser.real', 2, { vsNative: 8.3 }),
      figure('parser.lint', 7, { overParse: 0.9 }),
    ];
    const checks = checkBudgets(figures, BUDGETS);
    const summary = checkSummary(checks);
    assert.equal(summary.failed, 0);
    assert.equal(summary.text, 'All budgets met (1 blocked budget(s) shown above, not counted).');
    const lintRow = table(figures, checks)
      .split('\n')
      .find((row) => row.includes('parser.lint'));
    assert.match(
      lintRow ?? '',
      /overParse 0\.90x < 0\.50x MISS \(BLOCKED, not counted: issue 21 ended blocked/,
    );
  });

  it('a budget without a block still fails the check when it misses', () => {
    const figures = [
      figure('parser.real', 2, { vsNative: 7.3 }),
      figure('parser.lint', 7, { overParse: 0.4 }),
    ];
    const summary = checkSummary(checkBudgets(figures, BUDGETS));
    assert.equal(summary.failed, 1);
    assert.equal(
      summary.text,
      '1 budget(s) missed or not measured (1 blocked budget(s) shown above, not counted).',
    );
  });

  it('a budget whose figure was not measured fails the check', () => {
    const summary = checkSummary(checkBudgets([figure('parser.lint', 7, { overParse: 0.4 })], BUDGETS));
    assert.equal(summary.failed, 1);
  });
});
