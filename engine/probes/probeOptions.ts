// The options every probe takes, their defaults, and the checks on targets and variable names.
import type { ExecResult } from './exec';
import type { IsolationSupport } from './isolation/isolationSupport';
import type { SandboxPolicy } from './safety';

export interface ProbeOptions {
  /** The directory make runs in (make's -C). */
  directory: string;
  /** make's -f, relative to `directory` or absolute. */
  makefile?: string;
  /** Path of the make program; 'make' by default. */
  make?: string;
  jobs?: number;
  targets?: string[];
  sandbox?: SandboxPolicy;
  /** The isolation to use instead of what this machine allows (tests force the fallbacks with it). */
  isolation?: IsolationSupport;
  timeoutMs?: number;
  maxOutputBytes?: number;
  /** Extra environment variables for make. */
  environment?: Readonly<Record<string, string>>;
  /** Extra make arguments placed before the targets (from settings; never a shell string). */
  extraArgs?: readonly string[];
  /**
   * make's command-line variables (`--var NAME=VALUE`): one `NAME=VALUE` argument each, after the
   * options and before `--` and the targets, so makefiles and helper makefiles all see them.
   */
  commandLineVariables?: Readonly<Record<string, string>>;
  /** Passed as MAKEFLAGS; by default MAKEFLAGS/MFLAGS/GNUMAKEFLAGS are cleared. */
  makeFlags?: string;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Called with the pid (= process group id) of every make the probe starts. */
  onSpawn?: (pid: number) => void;
  /** Called after every make run with its arguments and full result (for evidence records). */
  onRun?: (run: MakeRunRecord) => void;
}

export interface MakeRunRecord {
  /** The make program as resolved (its path). */
  make: string;
  args: string[];
  /** The project directory (a run in a copy ran in a copy of it). */
  directory: string;
  /** True when the run was isolated or ran in a copy, not in place. */
  sandboxed: boolean;
  where: 'isolated' | 'copy' | 'in-place';
  result: ExecResult;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Why a probe did not answer; the LSP error data carries it to the client. */
export type ProbeErrorKind =
  | 'usage'
  | 'make-missing'
  | 'refused'
  | 'make-failed'
  | 'cancelled'
  | 'timeout'
  | 'truncated'
  | 'sandbox';

export class ProbeError extends Error {
  constructor(
    message: string,
    readonly kind: ProbeErrorKind,
  ) {
    super(message);
  }
}

/** A "target" with `=` would be taken by make as a variable assignment; refuse it. */
export function checkTargets(targets: readonly string[]): void {
  for (const target of targets) {
    if (target === '') throw new ProbeError('an empty target name is not allowed', 'usage');
    if (target.includes('=')) {
      throw new ProbeError(
        `'${target}' contains '=', which make would read as a variable assignment, not a target; refused (to set a variable, use --var ${target})`,
        'usage',
      );
    }
  }
}

/** Names written into a helper makefile must not be able to change its meaning. */
export function checkVariableName(name: string): void {
  if (name === '' || /[\s$(){}#=:,\\]/.test(name)) {
    throw new ProbeError(`'${name}' is not a variable name makescope can resolve`, 'usage');
  }
}

export function checkHelperTarget(target: string): void {
  if (target === '' || /[\s$(){}#=:;%\\]/.test(target)) {
    throw new ProbeError(`'${target}' cannot be used for a target-specific value`, 'usage');
  }
}

/**
 * A name make takes whole in a `NAME=VALUE` argument: no blank, `:`, `#`, `=` or `$(...)`, and no
 * trailing `+`, `?` or `!` (make would read `NAME+=VALUE` as an append).
 */
export function checkCommandLineVariable(name: string): void {
  if (name === '' || /[\s$(){}#=:,\\]/.test(name) || /[+?!]$/.test(name)) {
    throw new ProbeError(
      `'${name}' is not a make variable name (expected --var NAME=VALUE, e.g. --var CC=clang)`,
      'usage',
    );
  }
}

/** `NAME=VALUE` arguments for make, in order, each one argv element (never through a shell). */
export function commandLineVariableArgs(variables: ProbeOptions['commandLineVariables']): string[] {
  if (!variables) return [];
  return Object.entries(variables).map(([name, value]) => {
    checkCommandLineVariable(name);
    return `${name}=${value}`;
  });
}
