// The timeline's recipe recorder runs each line in the recipe's own shell: a bash makefile with its .SHELLFLAGS builds
// as a real make builds it, a failing line ends its span, and a SHELL that is no POSIX shell or .ONESHELL is recorded
// under strace.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { timelineProbe, type TimelineResult } from '../../engine/timeline/timelineProbe';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';
import { outputLines, realMakeLines } from './support/realMakeOutput';
import { runMake } from './support/runMake';

const spanNames = (result: TimelineResult): string[] =>
  result.timeline.spans.map((span) => span.target).sort();

describe('timeline recorder in the recipes own shells (timeline-shells)', () => {
  for (const make of MAKES) {
    describe(`GNU make ${make.version}`, () => {
      const workspaces: Workspace[] = [];
      const workspace = async (name: string): Promise<string> => {
        const copy = await workspaceFrom('timeline-shells');
        workspaces.push(copy);
        return path.join(copy.directory, name);
      };
      before(() => requireMake(make));
      after(async () => {
        for (const copy of workspaces) await copy.dispose();
      });

      it('runs bash recipes with SHELL := /bin/bash and .SHELLFLAGS := -eu -o pipefail -c as a real make does', async () => {
        const directory = await workspace('bash');
        const expected = await realMakeLines(make.path, await workspace('bash'));
        assert.ok(expected.includes('pipe: pipefail is on'), expected.join('\n'));
        const result = await unchanged(directory, () =>
          timelineProbe({ directory, make: make.path, jobs: 2, recorder: 'shell' }),
        );
        assert.equal(result.recorder, 'shell');
        assert.equal(result.exitCode, 0, result.output);
        assert.deepEqual(outputLines(result), expected);
        assert.deepEqual(spanNames(result), ['all', 'arrays', 'pipe']);
        assert.deepEqual(result.notes, []);
      });

      it('runs recipes that call $(SHELL) themselves (a script, -c, stdin) and a sub-make given SHELL as a real make does', async () => {
        const directory = await workspace('dollar-shell');
        const expected = await realMakeLines(make.path, await workspace('dollar-shell'));
        assert.equal(expected.length, 5, expected.join('\n'));
        const result = await unchanged(directory, () =>
          timelineProbe({ directory, make: make.path, jobs: 2, recorder: 'shell' }),
        );
        assert.equal(result.recorder, 'shell');
        assert.equal(result.exitCode, 0, result.output);
        assert.deepEqual(outputLines(result), expected);
        const spans = result.timeline.spans.map((span) => `${span.level}:${span.target}`).sort();
        assert.deepEqual(spans, ['0:inline', '0:script', '0:sub', '1:all']);
      });

      it('records in a copy where isolation is not available, with spans and rules in the project', async () => {
        const copy = await workspaceFrom('timeline-recursive');
        workspaces.push(copy);
        const { directory } = copy;
        const isolation = { kind: 'none' as const, why: 'forced by the test' };
        const result = await unchanged(directory, () =>
          timelineProbe({ directory, make: make.path, jobs: 2, isolation, recorder: 'shell' }),
        );
        assert.equal(result.recorder, 'shell');
        assert.equal(result.exitCode, 0, result.output);
        const x = result.timeline.spans.find((span) => span.target === 'x');
        assert.equal(x?.directory, path.join(directory, 'sub'));
        assert.deepEqual(x?.rule, { file: path.join(directory, 'sub', 'Makefile'), line: 2 });
        assert.deepEqual(
          result.timeline.criticalPath.map((span) => `${span.level}:${span.target}`),
          ['1:y', '1:x', '0:all'],
        );
        assert.deepEqual(
          result.timeline.reads.map((read) => [read.level, read.directory]),
          [
            [0, directory],
            [1, path.join(directory, 'sub')],
          ],
        );
      });

      it('says why strace is needed when a build only strace can record finds none', async () => {
        const directory = await workspace('perl');
        await assert.rejects(
          timelineProbe({
            directory,
            make: make.path,
            jobs: 2,
            strace: '/nonexistent/strace',
            recorder: 'shell',
          }),
          (error: Error) =>
            /SHELL is \/usr\/bin\/perl, not a POSIX shell: only strace can record this build: strace not found at \/nonexistent\/strace/.test(
              error.message,
            ),
        );
      });

      it('ends a failing recipe at its failing line; make exits 2 and the target after it never starts', async () => {
        const directory = await workspace('failing');
        const result = await unchanged(directory, () =>
          timelineProbe({ directory, make: make.path, jobs: 2, recorder: 'shell' }),
        );
        assert.equal(result.exitCode, 2);
        assert.deepEqual(spanNames(result), ['broken']);
        const broken = result.timeline.spans[0];
        assert.ok(broken.end - broken.start >= 0.3, `broken lasted ${broken.end - broken.start} s`);
        assert.ok(broken.end <= result.timeline.wallSeconds);
        assert.equal(broken.pids.length, 2, 'two recipe lines ran, each in its own shell');
        assert.match(result.output, /broken: first line/);
        assert.doesNotMatch(result.output, /never reached/);
        assert.ok(
          result.notes.some((note) => /exited with 2/.test(note)),
          result.notes.join('\n'),
        );
      });

      it('records targets with a SHELL of their own under strace, naming them; built already, nothing forces strace', async () => {
        const directory = await workspace('own-shell');
        const result = await unchanged(directory, () =>
          timelineProbe({ directory, make: make.path, jobs: 2, recorder: 'shell' }),
        );
        assert.equal(result.recorder, 'strace');
        assert.equal(result.exitCode, 0, result.output);
        assert.deepEqual(spanNames(result), ['a', 'all', 'b', 'c.x', 'd', 'lib']);
        assert.deepEqual(result.notes, [
          '3 targets set their own SHELL (b at Makefile:11, c.x at Makefile:14, lib at Makefile:6), which the ' +
            'recipe recorder does not reach: the build was recorded again, under strace',
        ]);
        assert.deepEqual(
          result.timeline.criticalPath.map((span) => span.target),
          ['b', 'lib', 'all'],
        );
        assert.match(result.output, /lib: 5\./);

        // Once built, the targets with their own SHELL have nothing to run: the recipe recorder records alone.
        runMake(make.path, directory, []);
        const built = await timelineProbe({ directory, make: make.path, jobs: 2, recorder: 'shell' });
        assert.equal(built.recorder, 'shell', built.notes.join('\n'));
        assert.deepEqual(spanNames(built), ['all'], 'the phony all runs again');
        assert.deepEqual(built.notes, []);
      });

      // What the recipe recorder cannot record is recorded again under strace, with a note that says why.
      const underStrace = [
        {
          fixture: 'oneshell',
          why: 'the makefile names .ONESHELL',
          spans: ['all'],
          prints: /oneshell: recorded/,
        },
        {
          fixture: 'perl',
          why: 'SHELL is /usr/bin/perl',
          spans: ['all', 'greet'],
          prints: /greet: hello from perl/,
        },
      ];
      for (const { fixture, why, spans, prints } of underStrace)
        it(`records a build where ${why} under strace, and says so`, async () => {
          const directory = await workspace(fixture);
          const result = await unchanged(directory, () =>
            timelineProbe({ directory, make: make.path, jobs: 2, recorder: 'shell' }),
          );
          assert.equal(result.recorder, 'strace');
          assert.equal(result.exitCode, 0, result.output);
          assert.ok(
            result.notes.some((note) => note.includes(why)),
            result.notes.join('\n'),
          );
          assert.deepEqual(spanNames(result), spans);
          assert.match(result.output, prints);
        });
    });
  }
});
