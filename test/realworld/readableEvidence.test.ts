// The evidence report stays readable on busybox: step 2 names gen_build_files' 667 prerequisites as one
// line (count, folders, examples relative to the project, how many more and where), never cut mid-line,
// with the figures make's own `make -n --trace` gives.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { tracedPrerequisites } from './support/makeOracle';
import { PROJECTS } from './support/projects';
import { describeRun, MAKE_TIMEOUT_SECONDS, runCli } from './support/runCli';
import { createWorkspace, removeWorkspace, type Workspace } from './support/workspace';

const project = PROJECTS.busybox;
/** A phony target whose prerequisites are every source of the tree ($(wildcard $(srctree)/*\/*.c) ...). */
const WIDE = 'gen_build_files';

describe(`real project: ${project.name}, the evidence report of make ${project.target}`, function () {
  let workspace: Workspace;

  before(async function () {
    workspace = await createWorkspace(project);
  });
  after(async function () {
    if (workspace) await removeWorkspace(workspace);
  });

  it(`step 2 summarises ${WIDE}'s prerequisites as make names them, in lines never cut`, async function () {
    const named = await tracedPrerequisites(workspace, project.target, WIDE);
    assert.ok(named.length > 100, `make names ${named.length} prerequisites of ${WIDE}: the check is void`);
    const relative = named.map((name) =>
      path.isAbsolute(name) ? path.relative(workspace.projectRoot, name) : name,
    );
    const perFolder = new Map<string, number>();
    for (const name of relative)
      perFolder.set(path.dirname(name), (perFolder.get(path.dirname(name)) ?? 0) + 1);
    const [most] = [...perFolder].sort((a, b) => b[1] - a[1]);

    const out = path.join(workspace.runRoot, 'out', 'evidence');
    const args = ['evidence', '-C', workspace.makeDirectory, '--timeout', String(MAKE_TIMEOUT_SECONDS)];
    const answer = await runCli([...args, '--runs', '1', '--no-build', '--out', out, project.target], {
      cwd: workspace.runRoot,
      tmp: workspace.tmp,
    });
    assert.ok(answer.exitCode === 0 || answer.exitCode === 1, describeRun(answer));
    const report = await readFile(path.join(out, 'report.md'), 'utf8');
    const step2 = report.slice(report.indexOf('### 2. '), report.indexOf('### 3. '));
    const line = step2.split('\n').find((text) => text.split(/[ :]/)[0] === WIDE);
    assert.ok(line, `step 2 names ${WIDE}:\n${step2}`);
    assert.ok(
      line.startsWith(
        `${WIDE} (phony): 1 command(s) (${named.length} prerequisites in ${perFolder.size} folder(s), most in ${most[0]}/ (${most[1]}), `,
      ),
      line,
    );
    assert.ok(line.includes(`e.g. ${relative.slice(0, 3).join(' ')}; `), line);
    assert.ok(line.endsWith(`; ${named.length - 3} more in the full output linked below)`), line);
    assert.ok(!line.includes(workspace.projectRoot), `prerequisites relative to the project: ${line}`);
    const cut = report.split('\n').filter((text) => /\.\.\. \(\d+ characters\)$/.test(text));
    assert.deepEqual(cut, [], 'no line of the report is cut');
  });
});
