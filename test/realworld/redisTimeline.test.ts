// The timeline of a real redis build: its spans (recipes and each make reading its makefiles) cover at least
// 95% of the wall time, and every object a real `make redis-cli` compiles appears exactly once.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { TimelineResult } from '../../engine/timeline/timelineProbe';
import { ThrowawayCopy } from './support/makeOracle';
import { PROJECTS } from './support/projects';
import { describeRun } from './support/runCli';
import { runUntouched } from './support/untouchedRun';
import { createWorkspace, removeWorkspace, type Workspace } from './support/workspace';

const run = promisify(execFile);
const project = PROJECTS.redis;

/** Every object file under `root`, relative to `from`. */
async function objectFiles(root: string, from: string): Promise<string[]> {
  const { stdout } = await run('find', [root, '-name', '*.o', '-type', 'f'], { maxBuffer: 16 * 1024 * 1024 });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((file) => path.relative(from, file));
}

describe(`real project: ${project.name}, the timeline of make ${project.target}`, function () {
  let workspace: Workspace;

  before(async function () {
    workspace = await createWorkspace(project);
  });
  after(async function () {
    if (workspace) await removeWorkspace(workspace);
  });

  it('spans cover at least 95% of the wall time and name each object a real build compiles once', async function () {
    // make itself: the objects a real build adds to the tree (deps/ comes built with the prepared tree).
    const copy = await ThrowawayCopy.create(workspace);
    const makeFolder = path.join(copy.copy, project.directory);
    const already = new Set(await objectFiles(copy.copy, makeFolder));
    const built = await copy.make([project.target]);
    assert.equal(built.exitCode, 0, `make ${project.target} failed: ${built.stderr.slice(-2000)}`);
    const compiled = (await objectFiles(copy.copy, makeFolder)).filter((file) => !already.has(file)).sort();
    assert.ok(compiled.length > 10, `a real build compiled only ${compiled.join(' ')}: the check is void`);

    const answer = await runUntouched(workspace, 'timeline', ['--json', project.target]);
    assert.equal(answer.exitCode, 0, describeRun(answer));
    const { timeline } = JSON.parse(answer.stdout) as TimelineResult;

    const covered = `spans cover ${(timeline.coverage * 100).toFixed(1)}% of ${timeline.wallSeconds.toFixed(2)} s`;
    assert.ok(timeline.coverage >= 0.95, covered);
    const objects = timeline.spans
      .map((span) => path.relative(workspace.makeDirectory, path.resolve(span.directory, span.target)))
      .filter((name) => name.endsWith('.o'))
      .sort();
    assert.deepEqual(objects, compiled, `each object once (${covered})`);
    // make remade src/Makefile.dep (an -include) and read its makefiles again before compiling anything: the
    // critical path starts there and ends at the link, though the graph declares no edge from Makefile.dep.
    const critical = timeline.criticalPath.map((span) => span.target);
    assert.equal(timeline.reads.filter((read) => read.level === 0).length, 2, 'make restarted once');
    assert.equal(critical[0], 'Makefile.dep', critical.join(' -> '));
    assert.equal(critical.at(-1), project.target, critical.join(' -> '));
  });
});
