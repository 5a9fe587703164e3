// make itself as the oracle, run in a throwaway copy of the project mounted at the project's own path (a private mount namespace), so the real tree is never touched.
import { execFile, spawn } from 'node:child_process';
import { access, mkdtemp, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { compareFingerprints, fingerprintTree } from './treeFingerprint';
import type { Workspace } from './workspace';

const run = promisify(execFile);

export interface MakeRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** The makefile make would read in a folder: GNUmakefile, makefile, then Makefile. */
export async function defaultMakefile(directory: string): Promise<string> {
  for (const name of ['GNUmakefile', 'makefile', 'Makefile']) {
    try {
      await access(path.join(directory, name));
      return name;
    } catch {
      // try the next name
    }
  }
  throw new Error(`no makefile in ${directory}`);
}

/** The environment the probes promise make: LC_ALL=C and no inherited MAKEFLAGS. */
export function makeEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C' };
  for (const name of ['MAKEFLAGS', 'MFLAGS', 'MAKELEVEL', 'MAKEFILES', 'GNUMAKEFLAGS']) delete env[name];
  return env;
}

// Bind-mounts $1 (the copy) over $2 (the project) in this namespace only, then runs the rest.
const MOUNT_AND_RUN = 'mount --bind "$1" "$2" && shift 2 && exec "$@"';

/** unshare's arguments to run `command` with `source` bind-mounted over `target`, in a private mount namespace. */
export function mountedArgv(source: string, target: string, command: readonly string[]): string[] {
  const namespace =
    process.getuid?.() === 0
      ? ['--mount', '--propagation', 'private']
      : ['--mount', '--map-root-user', '--propagation', 'private'];
  return [...namespace, '--', 'sh', '-c', MOUNT_AND_RUN, 'sh', source, target, ...command];
}

/** A throwaway copy of the real tree; make runs in it as if it were the real tree (same absolute paths). */
export class ThrowawayCopy {
  private constructor(
    readonly workspace: Workspace,
    readonly copy: string,
  ) {}

  static async create(workspace: Workspace): Promise<ThrowawayCopy> {
    const folder = await mkdtemp(path.join(workspace.runRoot, 'oracle', 'copy-'));
    const copy = path.join(folder, path.basename(workspace.projectRoot));
    await run('cp', ['-a', workspace.projectRoot, copy]);
    return new ThrowawayCopy(workspace, copy);
  }

  /** `make ARGS` in the copy, seen at the project's path; -C is the project's make folder. */
  make(args: string[], timeoutMs = 20 * 60_000, program = 'make'): Promise<MakeRun> {
    const argv = mountedArgv(this.copy, this.workspace.projectRoot, [
      program,
      '-C',
      this.workspace.makeDirectory,
      ...args,
    ]);
    return new Promise((resolve, reject) => {
      const child = spawn('unshare', argv, {
        env: makeEnvironment(),
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', (error) =>
        reject(new Error(`unshare (util-linux) could not start: ${error.message}`)),
      );
      child.on('close', (exitCode) =>
        resolve({
          exitCode,
          stdout: Buffer.concat(stdout).toString(),
          stderr: Buffer.concat(stderr).toString(),
        }),
      );
    });
  }
}

export interface OracleValue {
  name: string;
  origin: string;
  value: string;
}

/**
 * What make believes about each variable when it runs a recipe (after remaking its makefiles):
 * `make -f MAKEFILE -f probe.mk` with a probe target printing $(origin NAME) and $(NAME).
 */
export async function makeVariables(workspace: Workspace, names: string[]): Promise<OracleValue[]> {
  const nonce = `oracle${process.pid}${Date.now()}`;
  const lines = names.map(
    (name) => `\t@: $(info @@${nonce}@@${name}@@$(origin ${name})@@$(${name})@@${nonce}@@)`,
  );
  const probe = path.join(workspace.runRoot, 'oracle', `probe-${nonce}.mk`);
  await writeFile(probe, `.PHONY: ${nonce}\n${nonce}:\n${lines.join('\n')}\n`);
  const copy = await ThrowawayCopy.create(workspace);
  const makefile = await defaultMakefile(workspace.makeDirectory);
  const result = await copy.make(['-f', makefile, '-f', probe, nonce]);
  if (result.exitCode !== 0) {
    throw new Error(
      `make -f ${makefile} -f probe.mk failed (exit ${result.exitCode}): ${result.stderr.slice(-2000)}`,
    );
  }
  const pattern = new RegExp(`@@${nonce}@@(.*?)@@(.*?)@@([\\s\\S]*?)@@${nonce}@@`, 'g');
  const values = [...result.stdout.matchAll(pattern)].map((m) => ({ name: m[1], origin: m[2], value: m[3] }));
  if (values.length !== names.length)
    throw new Error(`make printed ${values.length} of ${names.length} values`);
  return values;
}

export interface MakeReading {
  /** The targets make's database lists as .PHONY. */
  phony: Set<string>;
  /** The targets make warned of while reading: "warning: overriding recipe for target 'x'". */
  overridden: Set<string>;
  /** Every name make's database lists as a target (its Files section, "Not a target" entries left out). */
  targets: Set<string>;
  /** Each recursively expanded (`=`) variable a makefile set, with its value as make keeps it (unexpanded). */
  recursive: Map<string, string>;
  /** Every name some target other than `.PHONY` lists as a prerequisite in make's database. */
  needed: Set<string>;
  /** The entries of make's database with a recipe or prerequisites: names some rule makes. */
  made: Set<string>;
}

/** What make says of the makefiles it reads (`make -pq`, after remaking them), in a throwaway copy. */
export async function makeReading(workspace: Workspace): Promise<MakeReading> {
  const copy = await ThrowawayCopy.create(workspace);
  const makefile = await defaultMakefile(workspace.makeDirectory);
  const result = await copy.make(['-f', makefile, '-pq']);
  if (!result.stdout.includes('\n# Files\n'))
    throw new Error(
      `make -f ${makefile} -pq printed no database (exit ${result.exitCode}): ${result.stderr.slice(-2000)}`,
    );
  const phony = new Set<string>();
  for (const line of result.stdout.split('\n'))
    if (line.startsWith('.PHONY:'))
      for (const word of line.slice(7).trim().split(/\s+/)) if (word) phony.add(word);
  const overridden = new Set(
    [...result.stderr.matchAll(/warning: overriding recipe for target '([^']+)'/g)].map(
      (match) => match[1] ?? '',
    ),
  );
  return { phony, overridden, ...databaseEntries(result.stdout) };
}

/**
 * The targets and the makefiles' recursive variables in a `make -p` database. A variable is printed
 * after a `# makefile (from ...)` comment as `NAME = value` (`:=` for a simple one); a file entry as
 * `name: prerequisites` in the Files section, after `# Not a target:` when make only heard of it.
 */
const DATABASE_SECTIONS = new Set(
  [
    'Variables',
    'Pattern-specific Variable Values',
    'Directories',
    'Implicit Rules',
    'Files',
    'VPATH Search Paths',
  ].map((name) => `# ${name}`),
);

function databaseEntries(database: string): Pick<MakeReading, 'targets' | 'recursive' | 'needed' | 'made'> {
  const targets = new Set<string>();
  const recursive = new Map<string, string>();
  const needed = new Set<string>();
  const made = new Set<string>();
  let section = '';
  let previous = '';
  // The Files entry being read (its lines run to a blank line), for its recipe comment.
  let entry: string | undefined;
  for (const line of database.split('\n')) {
    if (line === '') entry = undefined;
    if (DATABASE_SECTIONS.has(line)) section = line.slice(2);
    else if (section === 'Files' && entry !== undefined && line.startsWith('#  recipe to execute'))
      made.add(entry);
    else if (section === 'Variables' && previous.startsWith('# makefile')) {
      const match = /^(?:override |export |private )*([^\s:=]+) = (.*)$/.exec(line);
      if (match) recursive.set(match[1] ?? '', match[2] ?? '');
    } else if (section === 'Files') {
      const match = /^([^#\s:][^:]*?):{1,2}(?:\s(.*)|$)/.exec(line);
      const name = match?.[1];
      if (name !== undefined && previous !== '# Not a target:') {
        targets.add(name);
        entry = name;
      }
      // `name: a b | c`; a target-specific variable's line (`name: X = 1`) lists nothing.
      const listed = match?.[2] ?? '';
      if (name !== undefined && name !== '.PHONY' && !/^\s*\S+\s*[:+?!]?=/.test(listed)) {
        const words = listed.split(/\s+/).filter((word) => word && word !== '|');
        for (const word of words) needed.add(word);
        if (words.length > 0) made.add(name);
      }
    }
    previous = line;
  }
  return { targets, recursive, needed, made };
}

export interface SecondBuild {
  firstExit: number | null;
  /** What the second `make TARGET` wrote (empty: the build settled). */
  writes: string[];
  firstStderr: string;
}

/** `make TARGET`, then `make TARGET` again, in one throwaway copy: what the second run wrote. */
export async function secondBuildWrites(workspace: Workspace, target: string): Promise<SecondBuild> {
  const copy = await ThrowawayCopy.create(workspace);
  const first = await copy.make([target]);
  const { writes } = await makeWrites(copy, [target]);
  return { firstExit: first.exitCode, writes, firstStderr: first.stderr };
}

/** `make ARGS` in a throwaway copy, and every entry it wrote ("added|changed|removed PATH...", the copy's paths). */
async function makeWrites(copy: ThrowawayCopy, args: string[]): Promise<{ run: MakeRun; writes: string[] }> {
  const before = await fingerprintTree(copy.copy);
  const run = await copy.make(args);
  const after = await fingerprintTree(copy.copy);
  // A folder whose entries stayed the same but whose times moved only saw a temporary file come and
  // go (redis writes release.h through a temporary name): that is no file written.
  const folderTimesOnly = (change: string): boolean => {
    const match =
      /^changed (.*): (dir mode \d+) mtime \d+ ctime \d+ => (dir mode \d+) mtime \d+ ctime \d+$/.exec(change);
    return match !== null && match[2] === match[3];
  };
  return {
    run,
    writes: compareFingerprints(copy.copy, before, after).filter((change) => !folderTimesOnly(change)),
  };
}

export interface TracedBuild {
  run: MakeRun;
  /** Targets whose recipe make ran, in the order `--trace` printed them (each once). */
  recipesRan: string[];
  /** Files the build wrote, relative to the make folder. */
  written: string[];
}

/** `make --trace TARGET` in a throwaway copy of the tree as it is now: whose recipes ran and what they wrote. */
export async function tracedBuild(workspace: Workspace, target: string): Promise<TracedBuild> {
  const copy = await ThrowawayCopy.create(workspace);
  const { run, writes } = await makeWrites(copy, ['--trace', target]);
  const recipesRan = [
    ...new Set([...run.stdout.matchAll(/^\S+:\d+: update target '(.+?)' due to: /gm)].map((m) => m[1])),
  ];
  const makeFolder = path.join(copy.copy, path.relative(workspace.projectRoot, workspace.makeDirectory));
  const written = writes
    .map((change) => /^(?:added (\S+) \(file |changed (\S+): .* => file )/.exec(change))
    .map((match) => match?.[1] ?? match?.[2])
    .filter((file): file is string => file !== undefined)
    .map((file) => path.relative(makeFolder, file));
  return { run, recipesRan, written };
}

/** The prerequisites make names for `target` in `make -n --trace GOAL` ("update target 'T' due to: ..."). */
export async function tracedPrerequisites(
  workspace: Workspace,
  goal: string,
  target: string,
): Promise<string[]> {
  const copy = await ThrowawayCopy.create(workspace);
  const run = await copy.make(['-n', '--trace', goal]);
  const line = run.stdout.split('\n').find((text) => text.includes(`update target '${target}' due to: `));
  if (!line)
    throw new Error(`make -n --trace ${goal} names no reason for ${target}: ${run.stderr.slice(-2000)}`);
  return line
    .slice(line.indexOf(' due to: ') + ' due to: '.length)
    .split(' ')
    .filter(Boolean);
}

/** `make -n TARGET` in a throwaway copy (it can still write: remade makefiles, `+` lines). */
export async function dryRunExit(workspace: Workspace, target: string): Promise<MakeRun> {
  const copy = await ThrowawayCopy.create(workspace);
  return copy.make(['-n', target]);
}
