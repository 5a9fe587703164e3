// The critical path across make restarts: a make that read its makefiles twice runs nothing after the second read
// before what it remade; another make of the same level and directory, started later, owes it nothing.
import * as assert from 'node:assert/strict';
import type { DeclaredGraph } from '../../../engine/parallel/missingPrerequisites';
import { criticalPath } from '../../../engine/timeline/criticalPath';
import type { MakeGraph } from '../../../engine/timeline/makeDatabases';
import type { ReadSpan, TargetSpan } from '../../../engine/timeline/timelineTypes';

const SUB = '/p/sub';

function graphOf(targets: string[]): MakeGraph {
  const graph: DeclaredGraph = new Map(
    targets.map((target) => [target, { prerequisites: [], orderOnly: [] }]),
  );
  return { graph, recipes: new Map(), makefiles: [] };
}

const span = (target: string, start: number, end: number, level = 1, directory = SUB): TargetSpan => ({
  target,
  level,
  directory,
  start,
  end,
  pids: [],
});

const read = (pid: number, start: number, end: number): ReadSpan => ({
  level: 1,
  directory: SUB,
  pid,
  start,
  end,
  makefiles: [],
});

describe('critical path across a restart', function () {
  const graphs = new Map([
    ['0|/p', graphOf(['first', 'second'])],
    [`1|${SUB}`, graphOf(['gen.mk', 'a', 'b', 'c'])],
  ]);

  it('puts what a restarted make remade before what it ran after reading its makefiles again', function () {
    const spans = [span('gen.mk', 0.1, 0.7), span('a', 0.8, 1.2), span('b', 0.8, 1.0)];
    const reads = [read(10, 0, 0.1), read(10, 0.7, 0.8)];
    const path = criticalPath(spans, graphs, reads);
    assert.deepEqual(
      path.spans.map((one) => one.target),
      ['gen.mk', 'a'],
    );
    assert.ok(Math.abs(path.seconds - 1.0) < 1e-9, String(path.seconds));
    // Without the reads, no edge joins them: the longest single recipe.
    assert.deepEqual(
      criticalPath(spans, graphs).spans.map((one) => one.target),
      ['gen.mk'],
    );
  });

  it('owes nothing to a restarted make from another make of the same level and directory started after it', function () {
    // make 10 remakes gen.mk and runs a; make 11 (a second `$(MAKE) -C sub`) runs c, longer than gen.mk and a.
    const spans = [
      span('gen.mk', 0.1, 0.7),
      span('a', 0.8, 1.0),
      span('first', 0, 1.0, 0, '/p'),
      span('c', 1.2, 2.5),
      span('second', 1.1, 2.5, 0, '/p'),
    ];
    const reads = [read(10, 0, 0.1), read(10, 0.7, 0.8), read(11, 1.1, 1.2)];
    const path = criticalPath(spans, graphs, reads);
    assert.deepEqual(
      path.spans.map((one) => one.target),
      ['c'],
    );
  });
});
