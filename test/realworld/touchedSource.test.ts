// After one source is touched in a built real tree, convergence names first the targets a real make then
// rebuilds (their recipes run and write them), in make's order, and nothing else as stale; checked against
// `make --trace` in a throwaway copy, the probe leaving the tree unchanged.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { utimes } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { makeEnvironment, tracedBuild } from './support/makeOracle';
import { PROJECTS, type RealProject } from './support/projects';
import { describeRun, MAKE_TIMEOUT_SECONDS } from './support/runCli';
import { runUntouched } from './support/untouchedRun';
import { createWorkspace, removeWorkspace, type Workspace } from './support/workspace';

const run = promisify(execFile);

interface ConvergenceAnswer {
  verdict: string;
  stale: { name: string }[];
  unchanged: { name: string }[];
}

/** A project and the source touched in it, relative to its make folder. */
const CASES: [RealProject, string][] = [
  [PROJECTS.hello, 'src/hello.c'],
  // redis-cli links adlist.o; the deps/ libraries come built with the prepared tree.
  [PROJECTS.redis, 'adlist.c'],
];

for (const [project, source] of CASES) {
  describe(`real project: ${project.name}, ${source} touched after make ${project.target}`, function () {
    let workspace: Workspace;

    before(async function () {
      workspace = await createWorkspace(project);
      // The working copy is the test's own: built as a user would, then one source touched.
      await run('make', ['-C', workspace.makeDirectory, project.target], {
        env: makeEnvironment(),
        maxBuffer: 64 * 1024 * 1024,
        timeout: MAKE_TIMEOUT_SECONDS * 1000,
      });
      const now = new Date();
      await utimes(path.join(workspace.makeDirectory, source), now, now);
    });
    after(async function () {
      if (workspace) await removeWorkspace(workspace);
    });

    it(`convergence names first what a real make --trace ${project.target} rebuilds, in make's order`, async function () {
      const oracle = await tracedBuild(workspace, project.target);
      assert.equal(
        oracle.run.exitCode,
        0,
        `make ${project.target} failed: ${oracle.run.stderr.slice(-2000)}`,
      );
      const written = new Set(oracle.written);
      const rebuilt = oracle.recipesRan.filter((target) => written.has(target));
      assert.ok(
        rebuilt.length > 0,
        `make rebuilt nothing after ${source} was touched, so the check is void: ${oracle.run.stdout.slice(0, 2000)}`,
      );

      const answer = await runUntouched(workspace, 'convergence', ['--json', project.target]);
      assert.equal(answer.exitCode, 1, describeRun(answer));
      const result = JSON.parse(answer.stdout) as ConvergenceAnswer;
      assert.equal(result.verdict, 'not-converged');
      const ranButWroteNothing = oracle.recipesRan.filter((target) => !written.has(target));
      assert.deepEqual(
        result.stale.map((target) => target.name),
        rebuilt,
        `make --trace ran the recipes of ${oracle.recipesRan.join(' ')}; of those it wrote ${rebuilt.join(' ')} (and left ${ranButWroteNothing.join(' ') || 'nothing else'} as it was)`,
      );
      for (const name of ranButWroteNothing)
        assert.ok(
          !result.stale.some((target) => target.name === name),
          `${name}: its recipe ran but changed nothing, yet it is named stale`,
        );
    });
  });
}
