// The timeline's count line, as the CLI summary and the editor's panel both print it.
import * as assert from 'node:assert/strict';
import { spanCounts } from '../../../contract/wording/timelineFigures';

const spans = (recipes: number, subMakes: number): { spans: { container: boolean }[] } => ({
  spans: [
    ...Array.from({ length: recipes }, () => ({ container: false })),
    ...Array.from({ length: subMakes }, () => ({ container: true })),
  ],
});

describe('timeline wording: recipes and sub-makes counted', () => {
  it('says one of each in the singular and other counts in the plural', () => {
    assert.equal(spanCounts(spans(4, 1)), '4 recipes, 1 sub-make');
    assert.equal(spanCounts(spans(1, 0)), '1 recipe, 0 sub-makes');
    assert.equal(spanCounts(spans(24, 2)), '24 recipes, 2 sub-makes');
  });
});
