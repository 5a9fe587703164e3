// Where the realworld bench runs a real project: a private copy seen at the path it was prepared at, through a bind mount in a private mount namespace.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { makeEnvironment, mountedArgv } from '../test/realworld/support/makeOracle';
import { PRISTINE_ROOT, type RealProject, WORK_ROOT } from '../test/realworld/support/projects';
import { nowMs } from './stats';
import { run } from './tools';

// Every command runs with this bench's folder bind-mounted over the shared work root, in its namespace only:
// cmake and configure wrote the work root's path into what they generated, and a realworld test run by
// another checkout at the same time keeps its own copy there, which this bench never sees nor touches.

// The bench's folders live on a tmpfs: on the repository's own disk, the probes' overlay would cover the
// repository (the work root lies in its .cache) and show its disk without the bind mount over the work
// root. On another file system the overlay covers the project, as on a user's machine. Both the bare
// make and the CLI run on it.
const SHARED_MEMORY = '/dev/shm';

/** The end of a command's stderr kept for a failure's message; the rest is dropped as it comes. */
const STDERR_KEPT = 4096;
/** Per command; only a hang reaches it. */
const COMMAND_TIMEOUT_MS = 20 * 60_000;

export interface TimedRun {
  ms: number;
  exitCode: number | null;
  /** The last lines of its stderr, for a failure's message. */
  stderrTail: string;
}

/** One project's place: `root` holds NAME/NAME (the copy), mounted over the work root for every command. */
export class ProjectPlace {
  private constructor(
    readonly project: RealProject,
    private readonly root: string,
    /** The project's root as make and the CLI see it (the path it was prepared at). */
    readonly projectRoot: string,
    readonly tmp: string,
  ) {}

  /** The folder make runs in, as make and the CLI see it. */
  get makeDirectory(): string {
    return path.join(this.projectRoot, this.project.directory);
  }

  static create(project: RealProject): ProjectPlace {
    const root = mkdtempSync(path.join(SHARED_MEMORY, `makescope-bench-${project.name}-`));
    // Not on the tmpfs: the isolated run mounts a private /dev/shm, where the CLI's scratch would vanish.
    const tmp = mkdtempSync(path.join(tmpdir(), `makescope-bench-${project.name}-tmp-`));
    mkdirSync(path.join(root, project.name));
    return new ProjectPlace(
      project,
      root,
      path.join(realpathSync(WORK_ROOT), project.name, project.name),
      tmp,
    );
  }

  /** The copy back to the prepared, never built tree (untimed): `cp -a` of the pristine one. */
  reset(): void {
    const copy = path.join(this.root, this.project.name, this.project.name);
    rmSync(copy, { recursive: true, force: true });
    const copied = run('cp', ['-a', path.join(PRISTINE_ROOT, this.project.name), copy]);
    if (!copied.ok) throw new Error(`cp -a of the pristine ${this.project.name} failed: ${copied.stderr}`);
  }

  /** Runs `program args` with the copy at the project's path; its output is read and dropped. */
  timed(program: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<TimedRun> {
    const argv = mountedArgv(this.root, WORK_ROOT, [program, ...args]);
    return new Promise((resolve, reject) => {
      const start = nowMs();
      // Its own process group, so a timeout kills make's children too.
      const child = spawn('unshare', argv, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const timer = setTimeout(() => {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      }, COMMAND_TIMEOUT_MS);
      let stderr = '';
      child.stdout.on('data', () => undefined);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`unshare (util-linux) could not start: ${error.message}`));
      });
      child.on('close', (exitCode) => {
        clearTimeout(timer);
        resolve({
          ms: nowMs() - start,
          exitCode,
          stderrTail: stderr.trim().split('\n').slice(-3).join(' | '),
        });
      });
    });
  }

  /** `make -C <make folder> ARGS` (optionally under a wrapper such as strace), as the probes promise make. */
  make(args: readonly string[], wrapWith: readonly string[] = []): Promise<TimedRun> {
    const [program, ...rest] = [...wrapWith, 'make', '-C', this.makeDirectory, ...args];
    return this.timed(program, rest, makeEnvironment());
  }

  /** `node CLI COMMAND -C <make folder> ARGS`, its scratch folders in this place's own TMPDIR. */
  cli(cliPath: string, command: string, args: readonly string[]): Promise<TimedRun> {
    const argv = [cliPath, command, '-C', this.makeDirectory, '--timeout', '600', ...args];
    return this.timed(process.execPath, argv, { ...process.env, TMPDIR: this.tmp, NO_COLOR: '1' });
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

/** Why the projects cannot be measured here, or undefined when they can. */
export function realProjectsMissing(projects: readonly RealProject[]): string | undefined {
  if (!existsSync(SHARED_MEMORY)) return `${SHARED_MEMORY} (a tmpfs) is missing`;
  const missing = projects.filter((p) => !existsSync(path.join(PRISTINE_ROOT, `${p.name}.ready`)));
  if (missing.length === 0) return undefined;
  return `${missing.map((p) => p.name).join(', ')} not prepared in ${PRISTINE_ROOT}: run 'bash scripts/fetch-real-projects.sh'`;
}
