// The test's own workspace: a fresh copy of a prepared project at the path it was prepared at (outside /tmp), and a private TMPDIR for the CLI.
import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { PRISTINE_ROOT, type RealProject, WORK_ROOT } from './projects';
import { REPO } from './runCli';

const run = promisify(execFile);

export interface Workspace {
  /** This run's markers/, oracle/ and out/ (under .cache/, not /tmp). */
  runRoot: string;
  /**
   * The working copy the probes run on: the "real tree", at the fixed path the fetch script prepared
   * it at (cmake and configure wrote that path into the files they generated).
   */
  projectRoot: string;
  /** The folder holding only projectRoot, fingerprinted non-recursively. */
  parent: string;
  /** Where make runs: projectRoot + the project's directory. */
  makeDirectory: string;
  /** The CLI's TMPDIR: every scratch folder it makes lands here. */
  tmp: string;
  pristine: string;
}

/** Fails (never skips) with how to get what is missing. */
export async function checkPrerequisites(project: RealProject): Promise<string> {
  const pristine = path.join(PRISTINE_ROOT, project.name);
  try {
    await access(path.join(PRISTINE_ROOT, `${project.name}.ready`));
  } catch {
    throw new Error(
      `${project.name} is not prepared in ${pristine}: run 'bash scripts/fetch-real-projects.sh' (root once, for a bookworm deb-src entry; needs dpkg-dev)`,
    );
  }
  for (const tool of project.tools) {
    try {
      await run('sh', ['-c', 'command -v "$1"', 'sh', tool.command]);
    } catch {
      throw new Error(`${tool.command} is missing: apt-get install ${tool.package}`);
    }
  }
  return pristine;
}

export async function createWorkspace(project: RealProject): Promise<Workspace> {
  const pristine = await checkPrerequisites(project);
  const runs = path.join(REPO, '.cache', 'realworld-runs');
  await mkdir(runs, { recursive: true });
  const runRoot = await mkdtemp(path.join(runs, `${project.name}-`));
  const parent = path.join(WORK_ROOT, project.name);
  const projectRoot = path.join(parent, project.name);
  for (const folder of ['markers', 'oracle', 'out']) await mkdir(path.join(runRoot, folder));
  await rm(parent, { recursive: true, force: true });
  await mkdir(parent, { recursive: true });
  await run('cp', ['-a', pristine, projectRoot]);
  const tmp = await mkdtemp(path.join(tmpdir(), 'makescope-realworld-tmp-'));
  return {
    runRoot,
    projectRoot,
    parent,
    makeDirectory: path.join(projectRoot, project.directory),
    tmp,
    pristine,
  };
}

/** Puts a fresh copy back after a probe changed the real tree, so the next test starts clean. */
export async function restoreProject(workspace: Workspace): Promise<void> {
  await rm(workspace.projectRoot, { recursive: true, force: true });
  await run('cp', ['-a', workspace.pristine, workspace.projectRoot]);
}

export async function removeWorkspace(workspace: Workspace): Promise<void> {
  if (process.env.MAKESCOPE_KEEP_REALWORLD === '1') return;
  await rm(workspace.runRoot, { recursive: true, force: true });
  await rm(workspace.parent, { recursive: true, force: true });
  await rm(workspace.tmp, { recursive: true, force: true });
}
