// Build timeline on real GNU make 4.3 and 4.4.1 under strace: spans per target per make level, the critical path.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { traceTimeline } from '../../engine/timeline/timelineProbe';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';

const STRACE = ['/usr/bin/strace', '/bin/strace'].find((file) => existsSync(file));

// The fixture's construction: y (1.0 s) then x (1.4 s) in the sub-make, then all (0.6 s) at the top.
const CONSTRUCTED_SECONDS = 3.0;

describe('build timeline (timeline-recursive, strace)', () => {
  before(() => {
    if (!STRACE) throw new Error('strace is missing: apt-get install strace (the timeline tests need it)');
  });

  for (const make of MAKES) {
    describe(`GNU make ${make.version}`, () => {
      let workspace: Workspace;
      before(async () => {
        requireMake(make);
        workspace = await workspaceFrom('timeline-recursive');
      });
      after(() => workspace?.dispose());

      it('names the critical path across both make levels, spans cover the wall time, the workspace stays untouched', async () => {
        const { timeline, exitCode, output } = await unchanged(workspace.directory, () =>
          traceTimeline({ directory: workspace.directory, make: make.path, strace: STRACE!, jobs: 2 }),
        );
        assert.equal(exitCode, 0, output);
        const chain = timeline.criticalPath.map((span) => `${span.level}:${span.target}`);
        assert.deepEqual(chain, ['1:y', '1:x', '0:all']);
        assert.equal(path.basename(timeline.criticalPath[0].directory), 'sub');
        const error = Math.abs(timeline.criticalSeconds - CONSTRUCTED_SECONDS) / CONSTRUCTED_SECONDS;
        assert.ok(
          error <= 0.05,
          `critical path ${timeline.criticalSeconds.toFixed(3)} s vs ${CONSTRUCTED_SECONDS} s`,
        );
        assert.ok(
          timeline.coverage >= 0.95,
          `spans cover ${(timeline.coverage * 100).toFixed(1)}% of the wall time`,
        );
        const names = timeline.spans.map((span) => `${span.level}:${span.target}`).sort();
        assert.deepEqual(names, ['0:a', '0:all', '0:b', '1:x', '1:y']);
      });
    });
  }
});
