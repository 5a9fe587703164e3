// Shared plumbing of every probe: check make, decide the placement, run make isolated, in a copy or in place.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import * as path from 'node:path';
import { detectMake, type MakeCapabilities } from './capabilities';
import { runProcess, type ExecResult } from './exec';
import { IsolationStartError, withIsolation, type IsolationSession } from './isolation/isolationSession';
import { isolationSupport } from './isolation/isolationSupport';
import type { UpperLayer } from './isolation/upperLayer';
import { realFolder } from './isolation/projectRoot';
import { MakeDepth } from './makeDepth';
import { placeProbe, type Placement } from './placement';
import {
  checkTargets,
  commandLineVariableArgs,
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_TIMEOUT_MS,
  ProbeError,
  type ProbeOptions,
} from './probeOptions';
import { applicableRisks, assessSafety, type ProbeRisks, type SafetyReport } from './safety';
import { withSandbox } from './sandbox';
import { withLazyScratch } from './scratchFolders';
import type { FileCheck } from './traceModel';

export interface RunOptions {
  /** A program and its arguments that run make (e.g. strace); make's path and arguments follow them. */
  wrapWith?: string[];
  maxOutputBytes?: number;
  /** A shorter limit for this run than the probe's. */
  timeoutMs?: number;
}
import { placementHeadline } from '../../contract/wording/placementHeadline';

export interface RunContext {
  make: MakeCapabilities;
  safety: SafetyReport;
  placement: Placement;
  /** Where make runs: the project directory (in place or isolated at its own path) or a copy of it. */
  directory: string;
  /** Maps a path make printed (relative to `base`) to the path in the user's project. */
  toProjectPath(file: string, base?: string): string;
  /** The isolated session, when the runs are isolated: what they wrote is read from it. */
  session?: IsolationSession;
  /** A new folder for the probe's own files that make can read and write at the same path. */
  scratchFolder(): Promise<string>;
  /** Whether a file exists as the runs so far left it (an isolated run sees its own writes); `layer`: the layer as just read. */
  fileCheck(layer?: UpperLayer): Promise<FileCheck>;
  /** Runs make with `args` (no shell) in `directory`; throws on cancel, timeout and truncation. */
  run(args: string[], onStdout?: (chunk: string) => void, runOptions?: RunOptions): Promise<ExecResult>;
}

export interface PlacementSummary {
  where: Placement['where'];
  /** One line: where make ran and why (the count of risky lines and the first). */
  headline: string;
  reasons: string[];
  make: string;
  makeVersion: string;
  /** How the runs were isolated, and over which folder. */
  isolation?: { kind: string; root: string; why: string };
}

export function summarize(context: RunContext): PlacementSummary {
  const { placement } = context;
  return {
    where: placement.where,
    headline: placementHeadline(placement),
    reasons: placement.reasons,
    make: context.make.path,
    makeVersion: context.make.version.text,
    ...(placement.where === 'isolated'
      ? { isolation: { kind: placement.isolation.kind, root: placement.root.root, why: placement.root.why } }
      : {}),
  };
}

/** make's command-line options shared by every probe; targets come last, after `--`. */
export function makeArgs(options: ProbeOptions, extra: string[], targets = options.targets ?? []): string[] {
  const args: string[] = [];
  if (options.makefile !== undefined) args.push('-f', options.makefile);
  if (options.jobs !== undefined) args.push(`-j${options.jobs}`);
  args.push(...(options.extraArgs ?? []), ...extra, ...commandLineVariableArgs(options.commandLineVariables));
  if (targets.length > 0) args.push('--', ...targets);
  return args;
}

export async function withMake<T>(
  options: ProbeOptions,
  probe: ProbeRisks,
  work: (context: RunContext) => Promise<T>,
): Promise<T> {
  checkTargets(options.targets ?? []);
  commandLineVariableArgs(options.commandLineVariables);
  const directory = path.resolve(options.directory);
  // A relative path to make means relative to where the user is, not to the project (make runs there).
  const makePath = options.make?.includes('/') ? path.resolve(options.make) : (options.make ?? 'make');
  // Independent of each other, so they overlap: the makefiles' safety check, the isolation check
  // (each the first time only) and make's detection. A missing make is still the error reported first.
  const checkingSafety = assessSafety(directory, options.makefile);
  checkingSafety.catch(() => undefined);
  if (options.sandbox !== 'never' && options.isolation === undefined)
    isolationSupport().catch(() => undefined);
  const detected = await detectMake(makePath, options.signal);
  if (!detected.ok) throw new ProbeError(detected.message, 'make-missing');
  const safety = await checkingSafety;
  const risks = applicableRisks(safety, probe);
  const placement = await placeProbe(
    directory,
    safety,
    options.sandbox ?? 'auto',
    risks,
    probe.builds,
    options.isolation,
  );
  if (placement.where === 'refused') throw new ProbeError(placement.reasons.join('\n  '), 'refused');
  let runs = 0;

  const context = (
    where: string,
    toOriginal: (file: string) => string,
    scratchFolder: () => Promise<string>,
    session?: IsolationSession,
  ): RunContext => ({
    make: detected.make,
    safety,
    placement,
    directory: where,
    session,
    scratchFolder,
    fileCheck: async (read) => {
      if (!session) return existsSync;
      const layer = read ?? (await session.layer());
      return (file) => {
        const seen = session.contentPath(file, layer);
        return seen !== undefined && existsSync(seen);
      };
    },
    toProjectPath: (file, base = where) => toOriginal(path.resolve(base, file)),
    run: async (args, onStdout, runOptions = {}) => {
      options.onProgress?.(`make ${args.join(' ')}`);
      // A recorder (the evidence ladder) keeps the full output, also when it is streamed to a parser.
      const chunks: string[] | undefined = options.onRun && onStdout ? [] : undefined;
      const stream =
        chunks && onStdout
          ? (chunk: string) => {
              chunks.push(chunk);
              onStdout(chunk);
            }
          : onStdout;
      // Scanned for sub-make depth, to say why a run that never ends did not end.
      const depth = new MakeDepth();
      const [program, ...wrapperArgs] = runOptions.wrapWith ?? [];
      const request = {
        file: program ?? detected.make.path,
        args: program === undefined ? args : [...wrapperArgs, detected.make.path, ...args],
        cwd: where,
        programs: [detected.make.path],
        env: options.environment,
        makeFlags: options.makeFlags,
        timeoutMs: runOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxOutputBytes: runOptions.maxOutputBytes ?? options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
        signal: options.signal,
        onStdout: stream
          ? (chunk: string) => {
              depth.push(chunk);
              stream(chunk);
            }
          : undefined,
        onSpawn: options.onSpawn,
      };
      const result = session ? await session.run(request) : await runProcess(request);
      runs++;
      options.onRun?.({
        make: detected.make.path,
        args,
        directory,
        sandboxed: placement.where !== 'in-place',
        where: placement.where,
        result: chunks ? { ...result, stdout: chunks.join('') } : result,
      });
      if (result.outcome === 'spawn-error')
        throw new ProbeError(result.message ?? 'make failed to start', 'make-missing');
      if (result.outcome !== 'exited') {
        depth.push(result.stdout);
        throw new ProbeError(`${result.message ?? result.outcome}${depth.hint()}`, result.outcome);
      }
      if (result.exitCode === null)
        throw new ProbeError(
          `make ${args.join(' ')} was ${result.message ?? 'killed by a signal'}`,
          'make-failed',
        );
      return result;
    },
  });

  if (placement.where === 'isolated') {
    // make runs in the real folder, the one the overlay covers; the layer holds real paths.
    const real = await realFolder(directory);
    try {
      return await withIsolation(placement.isolation, placement.root, (session) =>
        work(
          context(
            real,
            (file) => file,
            () => mkdtemp(path.join(session.files, 'probe-')),
            session,
          ),
        ),
      );
    } catch (error) {
      // The isolation this machine had when it was last tried is gone (another sysctl, another
      // sandbox): no make ran, so the probe starts over with isolation tried afresh.
      if (error instanceof IsolationStartError && error.stale && runs === 0)
        return withMake(options, probe, work);
      throw error;
    }
  }
  return withLazyScratch('files', (scratchFolder) =>
    placement.where === 'in-place'
      ? work(context(directory, (file) => file, scratchFolder))
      : withSandbox(directory, (sandbox) =>
          work(context(sandbox.directory, sandbox.toOriginal, scratchFolder)),
        ),
  );
}
