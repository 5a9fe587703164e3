// MS115-MS125 checked on make 4.3 and 4.4.1: make says what each finding says, and stays quiet on the fixtures' negative cases.
import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { lintFiles } from '../../engine/lint/lintFiles';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { runMake } from './support/runMake';

/** The one-based lines where `code` fires on the workspace's Makefile. */
function linted(workspace: Workspace, code: string): number[] {
  const [file] = lintFiles([path.join(workspace.directory, 'Makefile')], { environment: new Set(['PATH']) });
  return (file?.findings ?? []).filter((f) => f.code === code).map((f) => f.range.start.line + 1);
}

/** Rewrites the workspace's Makefile line by line (1-based); `undefined` drops the line. */
async function editLines(workspace: Workspace, edits: Record<number, string | undefined>): Promise<void> {
  const file = path.join(workspace.directory, 'Makefile');
  const lines = (await readFile(file, 'utf8')).split('\n');
  const kept = lines.flatMap((line, at) =>
    at + 1 in edits ? (edits[at + 1] === undefined ? [] : [edits[at + 1]]) : [line],
  );
  await writeFile(file, kept.join('\n'));
}

async function withFixture(name: string, body: (workspace: Workspace) => Promise<void>): Promise<void> {
  const workspace = await workspaceFrom(`lint/${name}`);
  try {
    await body(workspace);
  } finally {
    await workspace.dispose();
  }
}

for (const make of MAKES) {
  describe(`lint graph and value rules against make ${make.version}`, () => {
    before(() => requireMake(make));
    const run = (workspace: Workspace, args: string[] = []) => runMake(make.path, workspace.directory, args);

    it('MS115: make drops the self-dependency the finding names, and no other', () =>
      withFixture('MS115-self-dependency', async (workspace) => {
        const { status, output } = run(workspace);
        assert.equal(status, 0, output);
        assert.deepEqual(output.match(/Circular .*dropped\./g), [
          'Circular loop <- loop dependency dropped.',
        ]);
        assert.deepEqual(linted(workspace, 'MS115'), [3]);
      }));

    it('MS116: make drops an edge of the one cycle the finding names', () =>
      withFixture('MS116-circular-dependency', async (workspace) => {
        const { output } = run(workspace);
        assert.deepEqual(output.match(/Circular .*dropped\./g), ['Circular b <- a dependency dropped.']);
        assert.deepEqual(linted(workspace, 'MS116'), [3]);
      }));

    it('MS117: $^ drops the repeated prerequisite, only $+ (not reported, also read through variables) keeps it', () =>
      withFixture('MS117-duplicate-prerequisite', async (workspace) => {
        const { status, output } = run(workspace, ['all', 'keep-repeats', 'through-variables']);
        assert.equal(status, 0, output);
        assert.match(output, /^all: x\.o y\.o$/m);
        assert.match(output, /^keep-repeats: x\.o y\.o x\.o$/m);
        // `$+` read through two variables keeps the repeats too: the lint must not call them useless there.
        assert.match(output, /^through variables: x\.o y\.o x\.o$/m);
        assert.deepEqual(linted(workspace, 'MS117'), [2]);
      }));

    it('MS118: without the redundant prerequisites make runs the same commands in the same order', () =>
      withFixture('MS118-redundant-prerequisite', async (workspace) => {
        const before = run(workspace, ['-n', 'all']);
        assert.equal(before.status, 0, before.output);
        await editLines(workspace, { 2: 'all: test' });
        const after = run(workspace, ['-n', 'all']);
        assert.equal(after.output, before.output);
        assert.deepEqual(linted(workspace, 'MS118'), []);
      }));

    it('MS119: $() and ${} expand to nothing; $() beside a blank keeps the blank', () =>
      withFixture('MS119-empty-reference', async (workspace) => {
        const { output } = run(workspace);
        assert.equal(output.trim(), '[ab] [x y] []');
        assert.deepEqual(linted(workspace, 'MS119'), [1, 7]);
      }));

    it('MS120: $< and $^ are empty in a target without prerequisites, not in one that gets them from another rule', () =>
      withFixture('MS120-empty-automatic-variable', async (workspace) => {
        const { status, output } = run(workspace);
        assert.equal(status, 0, output);
        assert.match(output, /^source: \[\] \[\]$/m);
        assert.match(output, /^copy from \[in\.txt\]$/m);
        assert.deepEqual(linted(workspace, 'MS120'), [6, 6]);
      }));

    it("MS121: make stops on X = $(X) more at the line reported; ':=' and '+=' are fine; the quick fix's '+=' appends", () =>
      withFixture('MS121-recursive-self-reference', async (workspace) => {
        const broken = run(workspace, ['show-x']);
        assert.equal(broken.status, 2);
        assert.match(
          broken.output,
          /Makefile:2: \*\*\* Recursive variable 'X' references itself \(eventually\)/,
        );
        const fine = run(workspace, ['show-y']);
        assert.equal(fine.status, 0, fine.output);
        assert.equal(fine.output.trim(), 'b more c more once once');
        await editLines(workspace, { 2: 'X += more' });
        const fixed = run(workspace, ['show-x']);
        assert.equal(fixed.output.trim(), 'a more');
        assert.deepEqual(linted(workspace, 'MS121'), [8]);
      }));

    it('MS122: make keeps the trailing blanks of a value, before the end of the line and before a comment', () =>
      withFixture('MS122-trailing-blanks', async (workspace) => {
        const { output } = run(workspace);
        assert.equal(output.trim(), '[build   /x] [out  /x] [tidy/x] [ ]');
        assert.deepEqual(linted(workspace, 'MS122'), [1, 2]);
      }));

    it('MS123: make refuses : and :: for one target at the line reported, not across exclusive branches', () =>
      withFixture('MS123-mixed-colon-rules', async (workspace) => {
        const broken = run(workspace);
        assert.equal(broken.status, 2);
        assert.match(broken.output, /Makefile:4: \*\*\* target file 'a' has both : and :: entries/);
        await editLines(workspace, { 4: undefined, 5: undefined });
        for (const args of [[], ['USE_DOUBLE=1', 'd']]) {
          const fine = run(workspace, args);
          assert.equal(fine.status, 0, fine.output);
          assert.doesNotMatch(fine.output, /both : and ::/);
        }
        assert.deepEqual(linted(workspace, 'MS123'), []);
      }));

    it('MS124: a .PHONY target with an empty rule that nothing needs does nothing', () =>
      withFixture('MS124-phony-does-nothing', async (workspace) => {
        const { status, output } = run(workspace, ['forgotten']);
        assert.equal(status, 0, output);
        assert.match(output, /Nothing to be done for 'forgotten'/);
        assert.match(run(workspace, ['all']).output, /^all$/m);
        assert.deepEqual(linted(workspace, 'MS124'), [1]);
      }));

    it('MS125: make stops on the missing include reported; -include, sinclude and a made include are fine', () =>
      withFixture('MS125-missing-include', async (workspace) => {
        const broken = run(workspace);
        assert.equal(broken.status, 2);
        assert.match(broken.output, /Makefile:1: missing\.mk: No such file or directory/);
        assert.match(broken.output, /No rule to make target 'missing\.mk'/);
        await editLines(workspace, { 1: undefined });
        const fine = run(workspace, ['all']);
        assert.equal(fine.status, 0, fine.output);
        assert.match(fine.output, /^1$/m, 'generated.mk was made, then read');
        assert.deepEqual(linted(workspace, 'MS125'), []);
      }));
  });
}
