// What the lint rules claim, checked on make 4.3 and 4.4.1 with their own fixtures: the harm each message names happens.
import * as assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { workspaceFrom } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { runMake as run } from './support/runMake';

for (const make of MAKES) {
  describe(`lint rules against make ${make.version}`, () => {
    before(() => requireMake(make));

    it('MS101: a file named like a target without .PHONY stops its recipe', async () => {
      const workspace = await workspaceFrom('lint/MS101-phony-missing');
      try {
        await writeFile(path.join(workspace.directory, 'clean'), '');
        const { status, output } = run(make.path, workspace.directory, ['clean']);
        assert.equal(status, 0);
        assert.match(output, /'clean' is up to date/);
      } finally {
        await workspace.dispose();
      }
    });

    it("MS107 leaves `=` alone where the command reads a file a rule writes: ':=' would read it before the build", async () => {
      const workspace = await workspaceFrom('lint/MS107-shell-in-recursive');
      const makefile = path.join(workspace.directory, 'Makefile');
      try {
        const recursive = run(make.path, workspace.directory, ['all']);
        assert.equal(recursive.status, 0, recursive.output);
        assert.match(
          recursive.output,
          /-lm 1\.0 1\.0$/m,
          'RELEASE = $(shell cat .release) read the written file',
        );
        assert.match(recursive.output, /^1\.0 1\.0/m, 'BUILT_RELEASE read it through $(OBJTREE)');
        // The advice the rule no longer gives, followed: the file is read while make reads the makefile.
        const text = await readFile(makefile, 'utf8');
        await writeFile(makefile, text.replace(/^(RELEASE|BUILT_RELEASE) =/gm, '$1 :='));
        await rm(path.join(workspace.directory, '.release'));
        const simple = run(make.path, workspace.directory, ['all']);
        assert.equal(simple.status, 0, simple.output);
        assert.doesNotMatch(simple.output, /1\.0/, "with ':=' neither saw what the build wrote");
      } finally {
        await workspace.dispose();
      }
    });

    it("MS111: under .ONESHELL a later line's '@' does not silence it and '-' does not excuse it", async () => {
      const workspace = await workspaceFrom('lint/MS111-oneshell-prefix');
      try {
        const { status, output } = run(make.path, workspace.directory, []);
        assert.notEqual(status, 0, 'the `-false` line fails the recipe under -ec');
        assert.doesNotMatch(output, /not found|ignored/, "'-' was stripped, and it excused nothing");
        assert.doesNotMatch(output, /three/, 'the recipe stopped at false');
      } finally {
        await workspace.dispose();
      }
    });

    it('MS112: under .ONESHELL without -e a failing earlier line goes unnoticed', async () => {
      const workspace = await workspaceFrom('lint/MS112-oneshell-errexit');
      try {
        const { status, output } = run(make.path, workspace.directory, []);
        assert.equal(status, 0, output);
        assert.match(output, /^last$/m);
      } finally {
        await workspace.dispose();
      }
    });
  });
}
