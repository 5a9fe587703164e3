// ldns 1.8.3 (Debian 12), whose configure-made Makefile draws the most lint findings of the real projects: each checked against make.
import { makeReading, type MakeReading } from './support/makeOracle';
import { describeLintOracles } from './support/lintOracles';
import { PROJECTS } from './support/projects';
import { createWorkspace, removeWorkspace, type Workspace } from './support/workspace';

const project = PROJECTS.ldns;

describe(`real project: ${project.name}, its lint against make`, function () {
  let workspace: Workspace;
  let read: Promise<MakeReading> | undefined;

  before(async function () {
    workspace = await createWorkspace(project);
  });
  after(async function () {
    if (workspace) await removeWorkspace(workspace);
  });

  describeLintOracles(
    () => workspace,
    () => (read ??= makeReading(workspace)),
  );
});
