// The timeline recorded by make itself through the preloaded library, on real GNU make 4.3 and 4.4.1: whatever
// the recipes' shell (bash with its flags, a SHELL of a target's own, .ONESHELL, perl), every job has its span,
// no strace, and the build prints what a real make prints; a make that runs without the library is recorded
// through the recipes' shell instead, with a note.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { timelineProbe, type TimelineResult } from '../../engine/timeline/timelineProbe';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';
import { outputLines, realMakeLines } from './support/realMakeOutput';

const spanNames = (result: TimelineResult): string[] =>
  result.timeline.spans.map((span) => `${span.level}:${span.target}`).sort();

/** Each fixture of timeline-shells the recipe recorder needs strace or care for, and the spans make's jobs give. */
const CASES = [
  { fixture: 'bash', spans: ['0:all', '0:arrays', '0:pipe'] },
  { fixture: 'dollar-shell', spans: ['0:inline', '0:script', '0:sub', '1:all'] },
  { fixture: 'own-shell', spans: ['0:a', '0:all', '0:b', '0:c.x', '0:d', '0:lib'] },
  { fixture: 'oneshell', spans: ['0:all'] },
  { fixture: 'perl', spans: ['0:all', '0:greet'] },
];

describe('timeline recorded by make through the preloaded library (timeline-shells)', () => {
  for (const make of MAKES)
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

      for (const { fixture, spans } of CASES)
        it(`${fixture}: every job has its span, no strace, and the output is a real make's`, async () => {
          const directory = await workspace(fixture);
          const expected = await realMakeLines(make.path, await workspace(fixture));
          const result = await unchanged(directory, () =>
            timelineProbe({ directory, make: make.path, jobs: 2, strace: '/nonexistent/strace' }),
          );
          assert.equal(result.recorder, 'jobs', result.notes.join('\n'));
          assert.equal(result.exitCode, 0, result.output);
          assert.deepEqual(result.notes, []);
          assert.deepEqual(spanNames(result), spans);
          assert.deepEqual(outputLines(result), expected);
        });

      it("follows own-shell's critical path through the targets with a SHELL of their own", async () => {
        const directory = await workspace('own-shell');
        const result = await timelineProbe({ directory, make: make.path, jobs: 2 });
        assert.deepEqual(
          result.timeline.criticalPath.map((span) => span.target),
          ['b', 'lib', 'all'],
        );
      });

      it("records through the recipes' shell when a sub-make runs without the library, and says so", async () => {
        // A recipe that drops LD_PRELOAD (as one that empties its environment would) before its sub-make.
        const directory = await mkdtemp(path.join(tmpdir(), 'makescope-unpreloaded-'));
        try {
          await mkdir(path.join(directory, 'sub'));
          await writeFile(
            path.join(directory, 'Makefile'),
            'all: sub\n\t@echo top\nsub:\n\tenv -u LD_PRELOAD $(MAKE) -C sub\n.PHONY: all sub\n',
          );
          await writeFile(path.join(directory, 'sub', 'Makefile'), 'inner:\n\t@echo inner\n');
          const result = await timelineProbe({ directory, make: make.path, jobs: 2 });
          assert.equal(result.recorder, 'shell');
          assert.deepEqual(result.notes, [
            "a make ran without the preloaded library (static, or started with an emptied environment): the build was recorded again through the recipes' shell",
          ]);
          assert.deepEqual(spanNames(result), ['0:all', '0:sub', '1:inner']);
        } finally {
          await rm(directory, { recursive: true, force: true });
        }
      });
    });
});
