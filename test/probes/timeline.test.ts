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
const SLEEPS: Record<string, number> = { '1:y': 1.0, '1:x': 1.4, '0:all': 0.6, '0:b': 0.8 };

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

      it('names the critical path across both make levels, every recipe inside its span, the workspace stays untouched', async () => {
        const { timeline, exitCode, output } = await unchanged(workspace.directory, () =>
          traceTimeline({ directory: workspace.directory, make: make.path, strace: STRACE!, jobs: 2 }),
        );
        assert.equal(exitCode, 0, output);
        const chain = timeline.criticalPath.map((span) => `${span.level}:${span.target}`);
        assert.deepEqual(chain, ['1:y', '1:x', '0:all']);
        assert.equal(path.basename(timeline.criticalPath[0].directory), 'sub');
        // No timing tolerance (the machine's load decides the overhead): a recipe cannot be shorter
        // than its sleep, and the chain cannot outlast the build.
        assert.ok(
          timeline.criticalSeconds >= CONSTRUCTED_SECONDS && timeline.criticalSeconds <= timeline.wallSeconds,
          `critical path ${timeline.criticalSeconds.toFixed(3)} s, constructed ${CONSTRUCTED_SECONDS} s, wall ${timeline.wallSeconds.toFixed(3)} s`,
        );
        const span = (key: string) => timeline.spans.find((one) => `${one.level}:${one.target}` === key)!;
        for (const [key, seconds] of Object.entries(SLEEPS))
          assert.ok(span(key).end - span(key).start >= seconds, `${key} lasted at least its sleep`);
        // The sub-make's recipe holds every span of the level below it.
        for (const key of ['1:y', '1:x'])
          assert.ok(
            span(key).start >= span('0:a').start && span(key).end <= span('0:a').end,
            `0:a holds ${key}`,
          );
        const names = timeline.spans.map((span) => `${span.level}:${span.target}`).sort();
        assert.deepEqual(names, ['0:a', '0:all', '0:b', '1:x', '1:y']);
      });
    });
  }
});
