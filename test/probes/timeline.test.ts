// Build timeline on real GNU make 4.3 and 4.4.1, recorded through the recipes' shell and under strace: spans per target
// per make level, the critical path through the declared graph.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  timelineProbe,
  type TimelineRecorder,
  type TimelineResult,
} from '../../engine/timeline/timelineProbe';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';

const STRACE = ['/usr/bin/strace', '/bin/strace'].find((file) => existsSync(file));

// The fixture's construction: y (1.0 s) then x (1.4 s) in the sub-make, then all (0.6 s) at the top.
const CONSTRUCTED_SECONDS = 3.0;
const SLEEPS: Record<string, number> = { '1:y': 1.0, '1:x': 1.4, '0:all': 0.6, '0:b': 0.8 };

const RECORDERS: TimelineRecorder[] = ['jobs', 'shell', 'strace'];
/**
 * How much shorter than its sleep a span may read. strace stamps each call in the kernel, and make stamps its
 * own jobs (the preloaded library): none. The recipes' shell reports are stamped when the probe reads them, kept
 * within one 10 ms uptime step of when they were written (reportClock.ts): a start read late may shorten a span
 * by that step and the read that follows it.
 */
const RECORDED_BY: Record<TimelineRecorder, string> = {
  jobs: 'by make through the preloaded library',
  shell: "through the recipes' shell",
  strace: 'under strace',
};
const SHORT_BY: Record<TimelineRecorder, number> = { jobs: 0, shell: 0.02, strace: 0 };

describe('build timeline (timeline-recursive)', () => {
  before(() => {
    if (!STRACE) throw new Error('strace is missing: apt-get install strace (the timeline tests need it)');
  });

  for (const make of MAKES)
    for (const recorder of RECORDERS) {
      describe(`GNU make ${make.version}, recorded ${RECORDED_BY[recorder]}`, () => {
        let workspace: Workspace;
        let result: TimelineResult;
        before(async () => {
          requireMake(make);
          workspace = await workspaceFrom('timeline-recursive');
          result = await unchanged(workspace.directory, () =>
            timelineProbe({
              directory: workspace.directory,
              make: make.path,
              strace: STRACE,
              jobs: 2,
              recorder,
            }),
          );
        });
        after(() => workspace?.dispose());
        const span = (key: string) =>
          result.timeline.spans.find((one) => `${one.level}:${one.target}` === key)!;

        it('names the critical path through the declared graph across both make levels, the workspace untouched', () => {
          const { timeline, exitCode, output } = result;
          assert.equal(exitCode, 0, output);
          assert.equal(result.recorder, recorder);
          assert.equal(timeline.criticalFrom, 'declared');
          const chain = timeline.criticalPath.map((one) => `${one.level}:${one.target}`);
          assert.deepEqual(chain, ['1:y', '1:x', '0:all']);
          assert.equal(path.basename(timeline.criticalPath[0].directory), 'sub');
          assert.equal(timeline.criticalPath[0].directory, path.join(workspace.directory, 'sub'));
          // No tolerance for overhead (the machine's load decides it): a recipe cannot be shorter than its
          // sleep (less the recorder's clock step), and the chain cannot outlast the build.
          assert.ok(
            timeline.criticalSeconds >= CONSTRUCTED_SECONDS - 3 * SHORT_BY[recorder] &&
              timeline.criticalSeconds <= timeline.wallSeconds,
            `critical path ${timeline.criticalSeconds.toFixed(3)} s, constructed ${CONSTRUCTED_SECONDS} s, wall ${timeline.wallSeconds.toFixed(3)} s`,
          );
          console.log(
            `      make ${make.version}, ${recorder}: critical path ${timeline.criticalSeconds.toFixed(3)} s (constructed 3.0 s, ${(((timeline.criticalSeconds - CONSTRUCTED_SECONDS) / CONSTRUCTED_SECONDS) * 100).toFixed(1)}% over), wall ${timeline.wallSeconds.toFixed(3)} s, coverage ${(timeline.coverage * 100).toFixed(1)}%`,
          );
        });

        it('gives every recipe a span that lasts at least its sleep, sub-make spans inside the recipe that ran it', () => {
          for (const [key, seconds] of Object.entries(SLEEPS))
            assert.ok(
              span(key).end - span(key).start >= seconds - SHORT_BY[recorder],
              `${key} lasted ${(span(key).end - span(key).start).toFixed(3)} s, at least its sleep (${seconds} s)`,
            );
          for (const key of ['1:y', '1:x'])
            assert.ok(
              span(key).start >= span('0:a').start && span(key).end <= span('0:a').end,
              `0:a holds ${key}`,
            );
          assert.equal(span('0:a').container, true);
          const names = result.timeline.spans.map((one) => `${one.level}:${one.target}`).sort();
          assert.deepEqual(names, ['0:a', '0:all', '0:b', '1:x', '1:y']);
          assert.ok(
            result.timeline.coverage >= 0.95,
            `spans cover ${(result.timeline.coverage * 100).toFixed(1)}%`,
          );
        });

        it('puts recipes on job lanes at -j2, points each at its rule, and ranks x, y, all by what a speed-up would save', () => {
          const { timeline } = result;
          // y and b run side by side; never more than -j2 at once.
          assert.notEqual(span('1:y').lane, span('0:b').lane);
          assert.equal(Math.max(...timeline.parallelism.map((step) => step.running)), 2);
          assert.ok(timeline.idleSlotSeconds > 0);
          assert.deepEqual(span('1:x').rule, {
            file: path.join(workspace.directory, 'sub', 'Makefile'),
            line: 2,
          });
          assert.deepEqual(span('0:all').rule, { file: path.join(workspace.directory, 'Makefile'), line: 3 });
          // x saves 1.4 s, y 1.0 s (then b + all bound the build), all 0.6 s.
          assert.deepEqual(
            timeline.speedups.map((one) => `${one.level}:${one.target}`),
            ['1:x', '1:y', '0:all'],
          );
        });
      });
    }
});
