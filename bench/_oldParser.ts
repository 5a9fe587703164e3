// Pure parser for `strace -f -y -v` file-access logs: which files each make target's processes read and wrote.
import * as path from 'node:path';

export interface TargetAccess {
  target: string;
  /** Files opened for reading or executed (also attempts that failed with ENOENT). */
  reads: Set<string>;
  /** Files created, truncated, written, renamed onto, linked. */
  writes: Set<string>;
  /** Files removed (unlink, or the old name of a rename). */
  deletes: Set<string>;
  /** Directories this target created (mkdir that succeeded). */
  createdDirectories: Set<string>;
  /** Directories this target makes sure of itself (a mkdir that found it already there). */
  ensuredDirectories: Set<string>;
  /** Directories a write of this target needs to exist. */
  neededDirectories: Set<string>;
  /** Files only checked for existence or metadata (stat, access), not opened: not a read. */
  probes: Set<string>;
  /** Files written by a sub-make this target's recipe ran (`$(MAKE) -C dir`): the sub-make's own outputs. */
  subMakeWrites: Set<string>;
}

export interface AccessLog {
  targets: Map<string, TargetAccess>;
  processes: number;
  /** Processes with file accesses inside the project that no target could be found for. */
  unattributedProcesses: number;
}

export interface AccessParseOptions {
  /** The sandbox directory; only paths inside it are kept, relative to it with '/' separators. */
  roots: string[];
  /** The environment variable carrying the target name (`NAME=$@` exported to recipes). */
  envName: string;
}

type EventKind = 'read' | 'write' | 'delete' | 'mkdir' | 'mkdir-exists' | 'needs-dir' | 'probe';

interface ProcessInfo {
  parent?: number;
  target?: string;
  /** The program this process runs is make, started by a recipe (a sub-make). */
  subMake?: boolean;
  cwd?: string;
  events: { kind: EventKind; file: string }[];
}

const CALL = /^(\d+) +(\w+)\((.*)\) += (-?\d+|\?)(.*)$/;
const UNFINISHED = /^(\d+) +(.*) <unfinished \.\.\.>$/;
const RESUMED = /^(\d+) +<\.\.\. (\w+) resumed>(.*)$/;
const FD_PATH = /^(?:AT_FDCWD|-?\d+)<(.*)>$/;

/** Splits strace's argument text at top-level commas (outside quotes, brackets and braces). */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '[' || c === '{' || c === '(') depth++;
    else if (c === ']' || c === '}' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (text.slice(start).trim() !== '') args.push(text.slice(start).trim());
  return args;
}

/** A C string as strace prints it (`"a\"b\n"`, with `...` when cut) to its text. */
export function unquote(text: string): string | undefined {
  const match = /^"((?:[^"\\]|\\.)*)"(?:\.\.\.)?$/s.exec(text);
  if (!match) return undefined;
  const bytes: number[] = [];
  const body = match[1];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[++i];
    const octal = /^[0-7]{1,3}/.exec(body.slice(i));
    if (next === 'x') {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += octal[0].length - 1;
    } else bytes.push(simple[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

function fdDirectory(arg: string | undefined): string | undefined {
  return arg === undefined ? undefined : FD_PATH.exec(arg)?.[1];
}

function resolvedPath(ret: string, rest: string): string | undefined {
  return Number(ret) >= 0 ? /^<(.*)>/.exec(rest.trim())?.[1] : undefined;
}

/** What a sub-make's program is called when it is not the top-level make's own path. */
const MAKE_PROGRAM = /^g?make(-[\d.]+)?$/;

const WRITE_FLAGS = /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND/;

export class StraceAccessParser {
  private readonly processes = new Map<number, ProcessInfo>();
  private readonly pending = new Map<number, string>();
  private first?: number;
  /** The program the top-level make runs as (the first execve): what `$(MAKE)` names in a recipe. */
  private makeProgram?: string;

  constructor(private readonly options: AccessParseOptions) {}

  private info(pid: number): ProcessInfo {
    let info = this.processes.get(pid);
    if (!info) {
      info = { events: [] };
      this.processes.set(pid, info);
    }
    return info;
  }

  line(line: string): void {
    const unfinished = UNFINISHED.exec(line);
    if (unfinished) {
      this.pending.set(Number(unfinished[1]), unfinished[2]);
      return;
    }
    const resumed = RESUMED.exec(line);
    if (resumed) {
      const pid = Number(resumed[1]);
      const start = this.pending.get(pid);
      this.pending.delete(pid);
      if (start !== undefined) this.call(`${pid} ${start}${resumed[3]}`);
      return;
    }
    this.call(line);
  }

  private call(line: string): void {
    const match = CALL.exec(line);
    if (!match) return;
    const pid = Number(match[1]);
    const [, , name, argText, ret, rest] = match;
    this.first ??= pid;
    const info = this.info(pid);
    const ok = Number(ret) >= 0;
    const args = splitArgs(argText);
    switch (name) {
      case 'clone':
      case 'clone3':
      case 'fork':
      case 'vfork':
        if (ok) {
          const child = this.info(Number(ret));
          child.parent = pid;
          child.cwd ??= info.cwd;
        }
        return;
      case 'execve':
        return this.execve(info, args, ok);
      case 'chdir':
        if (ok) info.cwd = this.resolve(info, undefined, unquote(args[0] ?? ''));
        return;
      case 'open':
      case 'openat':
      case 'creat':
        return this.open(info, name, args, ret, rest);
      case 'unlink':
      case 'unlinkat':
      case 'rmdir': {
        const [dir, file] = name === 'unlinkat' ? [fdDirectory(args[0]), args[1]] : [undefined, args[0]];
        if (ok) this.event(info, 'delete', this.resolve(info, dir, unquote(file ?? '')));
        return;
      }
      case 'rename':
      case 'renameat':
      case 'renameat2':
      case 'link':
      case 'linkat':
      case 'symlink':
      case 'symlinkat':
        return this.move(info, name, args, ok);
      case 'stat':
      case 'lstat':
      case 'access':
      case 'newfstatat':
      case 'statx':
      case 'faccessat':
      case 'faccessat2':
        return this.probe(info, name, args, ret, rest);
      case 'mkdir':
      case 'mkdirat': {
        const [dir, file] = name === 'mkdirat' ? [fdDirectory(args[0]), args[1]] : [undefined, args[0]];
        const target = this.resolve(info, dir, unquote(file ?? ''));
        if (ok) this.event(info, 'mkdir', target);
        else if (rest.includes('EEXIST')) this.event(info, 'mkdir-exists', target);
        return;
      }
      default:
        return;
    }
  }

  private execve(info: ProcessInfo, args: string[], ok: boolean): void {
    if (!ok) return;
    const env = args[2] ?? '';
    const marker = `"${this.options.envName}=`;
    const at = env.indexOf(marker);
    if (at >= 0) {
      const end = /"(?:,|\]|\.\.\.)/.exec(env.slice(at + 1));
      const quoted = end ? env.slice(at, at + 1 + end.index + 1) : '';
      const value = unquote(quoted)?.slice(this.options.envName.length + 1);
      if (value) info.target = value;
    }
    const program = unquote(args[0] ?? '');
    if (program !== undefined) {
      if (this.makeProgram === undefined) this.makeProgram = program;
      else if (program === this.makeProgram || MAKE_PROGRAM.test(path.basename(program))) info.subMake = true;
    }
    this.event(info, 'read', this.resolve(info, undefined, program));
  }

  private open(info: ProcessInfo, name: string, args: string[], ret: string, rest: string): void {
    const [dir, file, flags] =
      name === 'openat' ? [fdDirectory(args[0]), args[1], args[2]] : [undefined, args[0], args[1]];
    if (name === 'openat' && args[0]?.startsWith('AT_FDCWD<')) info.cwd = dir;
    if (flags?.includes('O_DIRECTORY')) return;
    const failedWith = Number(ret) < 0 ? /^\s*(\w+)/.exec(rest)?.[1] : undefined;
    if (failedWith !== undefined && failedWith !== 'ENOENT') return;
    const named = this.resolve(info, dir, unquote(file ?? ''));
    const target = resolvedPath(ret, rest) ?? named;
    const writes = name === 'creat' || WRITE_FLAGS.test(flags ?? '');
    if (writes) {
      this.event(info, 'needs-dir', target === undefined ? undefined : path.dirname(target));
      if (failedWith === undefined) this.event(info, 'write', target);
    }
    if (!writes || flags?.includes('O_RDWR')) {
      this.event(info, 'read', target);
      // Opened through a symlink (strace's <path> is where it leads): the link itself was read too, and
      // another recipe may make it (ldns's setup-builddir makes config.h -> ldns/config.h).
      if (named !== undefined && named !== target) this.event(info, 'read', named);
    }
  }

  /** A stat or access by name (not of an open descriptor): the file exists or not, nothing is read. */
  private probe(info: ProcessInfo, name: string, args: string[], ret: string, rest: string): void {
    if (Number(ret) < 0 && !/^\s*ENOENT/.test(rest)) return;
    const at = name === 'newfstatat' || name === 'statx' || name.startsWith('faccessat');
    const file = unquote((at ? args[1] : args[0]) ?? '');
    if (!file) return; // AT_EMPTY_PATH: a descriptor's own metadata
    this.event(info, 'probe', this.resolve(info, at ? fdDirectory(args[0]) : undefined, file));
  }

  private move(info: ProcessInfo, name: string, args: string[], ok: boolean): void {
    if (!ok) return;
    const at = name.endsWith('at') || name === 'renameat2';
    const from = at ? this.resolve(info, fdDirectory(args[0]), unquote(args[1] ?? '')) : undefined;
    const to = at
      ? this.resolve(
          info,
          fdDirectory(args[name === 'symlinkat' ? 1 : 2]),
          unquote(args[name === 'symlinkat' ? 2 : 3] ?? ''),
        )
      : this.resolve(info, undefined, unquote(args[1] ?? ''));
    const source = at ? from : this.resolve(info, undefined, unquote(args[0] ?? ''));
    if (name.startsWith('rename')) this.event(info, 'delete', source);
    else if (name.startsWith('link')) this.event(info, 'read', source);
    this.event(info, 'write', to);
  }

  private resolve(
    info: ProcessInfo,
    directory: string | undefined,
    file: string | undefined,
  ): string | undefined {
    if (file === undefined) return undefined;
    const base = directory ?? info.cwd ?? this.options.roots[0];
    return path.resolve(base, file);
  }

  private event(info: ProcessInfo, kind: EventKind, file: string | undefined): void {
    if (file === undefined) return;
    for (const root of this.options.roots) {
      const relative = path.relative(root, file);
      if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
      info.events.push({ kind, file: relative.split(path.sep).join('/') });
      return;
    }
  }

  /** Whether the process is a sub-make or runs under one. */
  private underSubMake(pid: number): boolean {
    const seen = new Set<number>();
    for (let current: number | undefined = pid; current !== undefined && !seen.has(current); ) {
      seen.add(current);
      const info = this.processes.get(current);
      if (info?.subMake) return true;
      current = info?.parent;
    }
    return false;
  }

  private targetOf(pid: number): string | undefined {
    const seen = new Set<number>();
    for (let current: number | undefined = pid; current !== undefined && !seen.has(current); ) {
      seen.add(current);
      const info = this.processes.get(current);
      if (info?.target !== undefined) return info.target;
      current = info?.parent;
    }
    return undefined;
  }

  finish(): AccessLog {
    const targets = new Map<string, TargetAccess>();
    let unattributed = 0;
    for (const [pid, info] of this.processes) {
      if (info.events.length === 0) continue;
      const name = this.targetOf(pid);
      if (name === undefined) {
        if (pid !== this.first) unattributed++;
        continue;
      }
      let access = targets.get(name);
      if (!access) {
        access = {
          target: name,
          reads: new Set(),
          writes: new Set(),
          deletes: new Set(),
          createdDirectories: new Set(),
          ensuredDirectories: new Set(),
          neededDirectories: new Set(),
          probes: new Set(),
          subMakeWrites: new Set(),
        };
        targets.set(name, access);
      }
      const subMake = this.underSubMake(pid);
      for (const { kind, file } of info.events) {
        const set = {
          read: access.reads,
          write: access.writes,
          delete: access.deletes,
          mkdir: access.createdDirectories,
          'mkdir-exists': access.ensuredDirectories,
          'needs-dir': access.neededDirectories,
          probe: access.probes,
        }[kind];
        // A sub-make checks its own targets' times: not its parent recipe's existence checks.
        if (kind === 'probe' && subMake) continue;
        set.add(file);
        if (subMake && kind === 'write') access.subMakeWrites.add(file);
      }
    }
    return { targets, processes: this.processes.size, unattributedProcesses: unattributed };
  }
}

export function parseStraceAccess(log: string, options: AccessParseOptions): AccessLog {
  const parser = new StraceAccessParser(options);
  for (const line of log.split('\n')) parser.line(line);
  return parser.finish();
}
