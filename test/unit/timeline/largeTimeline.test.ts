// buildTimeline on a generated 100,000-span build whose critical path, lanes and sub-make are known by construction.
import * as assert from 'node:assert/strict';
import type { DeclaredGraph } from '../../../engine/parallel/missingPrerequisites';
import type { MakeGraph } from '../../../engine/timeline/makeDatabases';
import { buildTimeline } from '../../../engine/timeline/timelineProbe';
import type { ParsedTimeline, TargetSpan, Timeline } from '../../../engine/timeline/timelineTypes';

const JOBS = 4;
/** c0 <- c1 <- ... : each link waits for the one before, 24,999 of them (a chain this deep once overflowed the stack). */
const LINKS = 24_999;
const TOP = '/p';
const LIB = '/p/lib';

interface Build {
  parsed: ParsedTimeline;
  graphs: Map<string, MakeGraph>;
  /** The chain the build waited for, as `level:target`. */
  critical: string[];
}

function graphOf(rules: [string, string[]][]): MakeGraph {
  const graph: DeclaredGraph = new Map(
    rules.map(([target, prerequisites]) => [target, { prerequisites, orderOnly: [] }]),
  );
  return { graph, recipes: new Map(), makefiles: [] };
}

/**
 * The top make runs `lib` (a sub-make), then `app`, then `all`. In lib, at -j4, each second runs one link of
 * the chain (0.999 s) beside three independent objects (0.899 s); `lib.a` (2 s) needs the last link and every
 * object. 3 + 24,999 + 74,997 + 1 = 100,000 spans.
 */
function generatedBuild(): Build {
  const spans: TargetSpan[] = [];
  const span = (level: number, target: string, start: number, end: number): void => {
    spans.push({ target, level, directory: level === 0 ? TOP : LIB, start, end, pids: [spans.length + 1] });
  };
  const chain: string[] = [];
  const objects: string[] = [];
  const rules: [string, string[]][] = [];
  for (let i = 0; i < LINKS; i++) {
    const link = `c${i}`;
    span(1, link, i + 0.001, i + 1);
    rules.push([link, i === 0 ? [] : [chain[i - 1]]]);
    chain.push(link);
    for (let j = 0; j < JOBS - 1; j++) {
      const object = `o${i}_${j}.o`;
      span(1, object, i + 0.001, i + 0.9);
      rules.push([object, []]);
      objects.push(object);
    }
  }
  rules.push(['lib.a', [chain[LINKS - 1], ...objects]]);
  span(1, 'lib.a', LINKS, LINKS + 2);
  span(0, 'lib', 0, LINKS + 2.01);
  span(0, 'app', LINKS + 2.02, LINKS + 3.52);
  span(0, 'all', LINKS + 3.53, LINKS + 4.03);
  spans.sort((a, b) => a.start - b.start || a.level - b.level);
  const graphs = new Map([
    [
      `0|${TOP}`,
      graphOf([
        ['all', ['app']],
        ['app', ['lib']],
        ['lib', []],
      ]),
    ],
    [`1|${LIB}`, graphOf(rules)],
  ]);
  return {
    parsed: { first: 0, last: LINKS + 4.04, spans, reads: [] },
    graphs,
    critical: [...chain.map((link) => `1:${link}`), '1:lib.a', '0:app', '0:all'],
  };
}

describe('timeline of 100,000 spans', function () {
  // A few seconds of work: on a loaded 2-core machine, several times that.
  this.timeout(180_000);
  let build: Build;
  let timeline: Timeline;
  before(() => {
    build = generatedBuild();
    assert.equal(build.parsed.spans.length, 100_000);
    timeline = buildTimeline(build.parsed, build.graphs, JOBS);
  });

  it('follows the 25,000-link chain through the sub-make as the critical path, and ranks the longest recipes on it first', () => {
    assert.equal(timeline.criticalFrom, 'declared');
    assert.deepEqual(
      timeline.criticalPath.map((span) => `${span.level}:${span.target}`),
      build.critical,
    );
    const expected = LINKS * 0.999 + 2 + 1.5 + 0.5;
    assert.ok(Math.abs(timeline.criticalSeconds - expected) < 1e-6, `${timeline.criticalSeconds}`);
    assert.equal(timeline.spans.filter((span) => span.critical).length, LINKS + 3);
    // Without lib.a or app the build would end 2 s or 1.5 s sooner; without one link, 0.999 s.
    const [first, second, third] = timeline.speedups;
    assert.deepEqual([first.target, second.target], ['lib.a', 'app']);
    assert.ok(Math.abs(first.savesSeconds - 2) < 1e-6 && Math.abs(second.savesSeconds - 1.5) < 1e-6);
    assert.match(third.target, /^c\d+$/);
    assert.ok(Math.abs(third.savesSeconds - 0.999) < 1e-6, `${third.savesSeconds}`);
  });

  it('puts the sub-make on no lane and the recipes on the -j4 lanes, never two at once on one lane, the chain on one', () => {
    const containers = timeline.spans.filter((span) => span.container);
    assert.deepEqual(
      containers.map((span) => [span.target, span.lane]),
      [['lib', -1]],
    );
    const byLane = new Map<number, TargetSpan[]>();
    for (const span of timeline.spans.filter((one) => !one.container)) {
      const lane = byLane.get(span.lane) ?? [];
      lane.push(span);
      byLane.set(span.lane, lane);
    }
    assert.deepEqual([...byLane.keys()].sort(), [0, 1, 2, 3]);
    for (const [lane, spans] of byLane)
      for (let i = 1; i < spans.length; i++)
        assert.ok(spans[i].start >= spans[i - 1].end, `lane ${lane}: ${spans[i].target} overlaps`);
    const chainLanes = new Set(
      timeline.spans.filter((span) => /^c\d+$/.test(span.target)).map((span) => span.lane),
    );
    assert.equal(chainLanes.size, 1);
  });

  it('without the databases, follows what ran before what back from the last recipe: the same chain', () => {
    const observed = buildTimeline(build.parsed, new Map(), JOBS);
    assert.equal(observed.criticalFrom, 'observed');
    assert.deepEqual(
      observed.criticalPath.map((span) => `${span.level}:${span.target}`),
      build.critical,
    );
  });
});
