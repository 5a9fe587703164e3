// The evidence report names the project's files as a user does: steps 3 (causality) and 5 (convergence)
// give each rule's file relative to the project's folder, never an absolute, sandbox or cache path.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { PROJECTS } from './support/projects';
import { describeRun, scratchPaths } from './support/runCli';
import { runUntouched } from './support/untouchedRun';
import { createWorkspace, removeWorkspace, type Workspace } from './support/workspace';

/** A step of report.md, from its heading to the next. */
function step(report: string, number: number): string {
  const start = report.indexOf(`### ${number}. `);
  const end = report.indexOf(`### ${number + 1}. `);
  return start < 0 ? '' : report.slice(start, end < 0 ? undefined : end);
}

for (const project of [PROJECTS.redis, PROJECTS.hello]) {
  describe(`real project: ${project.name}, file names in the evidence report of make ${project.target}`, function () {
    let workspace: Workspace;

    before(async function () {
      workspace = await createWorkspace(project);
    });
    after(async function () {
      if (workspace) await removeWorkspace(workspace);
    });

    it('steps 3 and 5 name rules by files relative to the project, with no absolute path', async function () {
      const out = path.join(workspace.runRoot, 'out', 'evidence');
      const answer = await runUntouched(workspace, 'evidence', [
        ...['--runs', '1', '--no-build', '--out', out, project.target],
      ]);
      assert.ok(answer.exitCode === 0 || answer.exitCode === 1, describeRun(answer));
      const report = await readFile(path.join(out, 'report.md'), 'utf8');
      for (const number of [3, 5]) {
        const text = step(report, number);
        assert.ok(text, `report.md has a step ${number}`);
        // Lines after the recorded commands: the excerpt a user reads (the commands link to saved outputs).
        const excerpt = text.slice(text.indexOf('```'));
        const located = excerpt.split('\n').filter((line) => /\(\S+:(\d+|\?)\)$/.test(line));
        assert.ok(located.length > 0, `step ${number} names rule locations:\n${text}`);
        const absolute = excerpt.split('\n').filter((line) => /(^|[\s(`'"=])\/[\w.-]/.test(line));
        assert.deepEqual(absolute, [], `step ${number} names files relative to the project`);
        assert.deepEqual(scratchPaths(text, workspace.tmp), [], `step ${number} names no scratch folder`);
        assert.ok(!text.includes(workspace.projectRoot), `step ${number} names no absolute project path`);
      }
    });
  });
}
