// The Build Timeline panel's page for 100,000 recipes whose starts and ends all differ (200,000 parallelism steps).
import * as assert from 'node:assert/strict';
import type { TimelineAnswer } from '../../../contract/timeline';
import { timelineBody } from '../../../client/src/features/timeline/timelineBody';
import { summarizeTimeline } from '../../../client/src/features/timeline/timelineSummary';
import { buildTimeline } from '../../../engine/timeline/timelineProbe';
import type { TargetSpan } from '../../../engine/timeline/timelineTypes';
import { timelineAnswer } from '../../shared/timelineShapes';

const JOBS = 8;
const RECIPES = 100_000;

/** -j8, each job slot running 8.5 ms recipes 1.5 ms apart, the slots 1 ms out of step: no two moments alike. */
function staggeredAnswer(): TimelineAnswer {
  const spans: TargetSpan[] = Array.from({ length: RECIPES }, (_, i) => {
    const start = Math.floor(i / JOBS) * 0.01 + (i % JOBS) * 0.001;
    return { target: `f${i}.o`, level: 0, directory: '/p', start, end: start + 0.0085, pids: [i + 1] };
  });
  const last = (RECIPES / JOBS) * 0.01 + 0.01;
  const timeline = buildTimeline({ first: 0, last, spans, reads: [] }, new Map(), JOBS);
  return timelineAnswer('/p', timeline);
}

describe('timeline panel: the page for 100,000 recipes', function () {
  this.timeout(180_000);

  it('is drawn with its figures and 8 job lanes, though the parallelism changes 200,000 times', () => {
    const answer = staggeredAnswer();
    assert.ok(
      answer.timeline.parallelism.length >= 2 * RECIPES - JOBS,
      `${answer.timeline.parallelism.length} steps`,
    );
    const body = timelineBody(answer, summarizeTimeline(answer, 'file:///p/Makefile'), 1000);
    assert.match(
      body,
      /<tr data-figure="parallelism"><th>parallelism<\/th><td>[\d.]+ on average, at most 8<\/td>/,
    );
    const lanes = [...body.matchAll(/class="row-label lane"[^>]*>job lane (\d+)</g)].map((m) => Number(m[1]));
    assert.deepEqual(lanes, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.match(body, /<svg id="timeline"[^]*<\/svg>$/);
  });
});
