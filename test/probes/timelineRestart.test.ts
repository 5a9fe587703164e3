// A make that remakes one of its makefiles reads them again before running anything else: on real GNU make 4.3 and
// 4.4.1, the critical path goes through the remade makefile and what ran after the restart, as the wall time says,
// though the graph declares no edge between them.
import * as assert from 'node:assert/strict';
import { timelineProbe, type TimelineResult } from '../../engine/timeline/timelineProbe';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';

// gen.mk sleeps 0.6 s, then a 0.4 s and b 0.2 s side by side: 1.0 s through gen.mk and a.
const CONSTRUCTED_SECONDS = 1.0;

describe('build timeline across a restart (timeline-restart)', () => {
  for (const make of MAKES) {
    describe(`GNU make ${make.version}`, () => {
      let workspace: Workspace | undefined;
      let result: TimelineResult;
      before(async () => {
        requireMake(make);
        workspace = await workspaceFrom('timeline-restart');
        const directory = workspace.directory;
        result = await unchanged(directory, () => timelineProbe({ directory, make: make.path, jobs: 2 }));
      });
      after(async () => workspace?.dispose());

      it('reads the makefiles twice, then runs a and b after the remade gen.mk', () => {
        const { timeline } = result;
        assert.equal(timeline.reads.length, 2, JSON.stringify(timeline.reads));
        const span = (target: string) => timeline.spans.find((one) => one.target === target);
        const remade = span('gen.mk');
        assert.ok(remade, timeline.spans.map((one) => one.target).join(' '));
        for (const target of ['a', 'b']) assert.ok((span(target)?.start ?? 0) >= remade.end, target);
      });

      it('names gen.mk then a as the critical path, its length within 5% of the construction', () => {
        const { timeline } = result;
        assert.deepEqual(
          timeline.criticalPath.map((one) => one.target),
          ['gen.mk', 'a'],
        );
        assert.ok(
          Math.abs(timeline.criticalSeconds - CONSTRUCTED_SECONDS) <= 0.05 * CONSTRUCTED_SECONDS,
          `critical path ${timeline.criticalSeconds.toFixed(3)} s`,
        );
        assert.ok(timeline.criticalSeconds <= timeline.wallSeconds, `wall ${timeline.wallSeconds} s`);
        // gen.mk saves its whole 0.6 s: everything after the restart waits for it.
        assert.equal(timeline.speedups[0]?.target, 'gen.mk');
        assert.ok(timeline.speedups[0].savesSeconds >= 0.6, JSON.stringify(timeline.speedups));
      });
    });
  }
});
