// The timeline's count line, as the CLI summary and the editor's panel both print it.
import * as assert from 'node:assert/strict';
import { spanCounts, timelineFigures } from '../../../contract/wording/timelineFigures';
import type { Timeline } from '../../../engine/timeline/timelineTypes';

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

describe('timeline wording: the critical path', () => {
  const timeline = (targets: string[], from: 'declared' | 'observed'): Timeline =>
    ({
      wallSeconds: 1,
      jobs: 2,
      spans: [],
      criticalPath: targets.map((target, i) => ({
        target,
        level: 0,
        directory: '/p',
        start: i,
        end: i + 0.5,
      })),
      criticalSeconds: targets.length / 2,
      criticalFrom: from,
      reads: [],
      coverage: 1,
      averageParallelism: 1,
      parallelism: [],
      idleSlotSeconds: 0,
      speedups: [],
    }) as unknown as Timeline;
  const critical = (value: Timeline): string | undefined =>
    timelineFigures(value).find((figure) => figure.key === 'critical')?.value;

  it('counts its targets in the singular and plural, and says where it comes from', () => {
    assert.equal(critical(timeline(['a'], 'declared')), "0.50 s (1 target, through make's declared graph)");
    assert.equal(
      critical(timeline(['a', 'b'], 'observed')),
      '1.00 s (2 targets, by observed order: no database)',
    );
  });

  it('says that no recipe ran when nothing was rebuilt, not that make printed no database', () => {
    assert.equal(critical(timeline([], 'declared')), 'none: no recipe ran');
  });
});
