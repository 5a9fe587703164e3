// What the lint rules claim, checked on make 4.3 and 4.4.1 with their own fixtures: the harm each message names happens.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
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
