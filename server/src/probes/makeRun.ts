// Shared plumbing of every probe: check make, decide the placement, run make in place or in a sandbox.
import * as path from 'node:path';
import { detectMake, type MakeCapabilities } from './capabilities';
import { runProcess, type ExecResult } from './exec';
import { MakeDepth } from './makeDepth';
import {
  checkTargets,
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_TIMEOUT_MS,
  ProbeError,
  type ProbeOptions,
} from './probeOptions';
import {
  applicableRisks,
  assessSafety,
  decidePlacement,
  type Placement,
  type ProbeRisks,
  type SafetyReport,
} from './safety';
import { withSandbox } from './sandbox';

export interface RunContext {
  make: MakeCapabilities;
  safety: SafetyReport;
  placement: Placement;
  /** Where make runs: the project directory or its sandbox copy. */
  directory: string;
  /** Maps a path make printed (relative to `base`) to the path in the user's project. */
  toProjectPath(file: string, base?: string): string;
  /** Runs make with `args` (no shell) in `directory`; throws on cancel, timeout and truncation. */
  run(args: string[], onStdout?: (chunk: string) => void): Promise<ExecResult>;
}

export interface PlacementSummary {
  where: Placement['where'];
  reasons: string[];
  make: string;
  makeVersion: string;
}

export function summarize(context: RunContext): PlacementSummary {
  return {
    where: context.placement.where,
    reasons: context.placement.reasons,
    make: context.make.path,
    makeVersion: context.make.version.text,
  };
}

/** make's command-line options shared by every probe; targets come last, after `--`. */
export function makeArgs(options: ProbeOptions, extra: string[], targets = options.targets ?? []): string[] {
  const args: string[] = [];
  if (options.makefile !== undefined) args.push('-f', options.makefile);
  if (options.jobs !== undefined) args.push(`-j${options.jobs}`);
  args.push(...(options.extraArgs ?? []), ...extra);
  if (targets.length > 0) args.push('--', ...targets);
  return args;
}

export async function withMake<T>(
  options: ProbeOptions,
  probe: ProbeRisks,
  work: (context: RunContext) => Promise<T>,
): Promise<T> {
  checkTargets(options.targets ?? []);
  const directory = path.resolve(options.directory);
  // A relative path to make means relative to where the user is, not to the project (make runs there).
  const makePath = options.make?.includes('/') ? path.resolve(options.make) : (options.make ?? 'make');
  const detected = await detectMake(makePath, options.signal);
  if (!detected.ok) throw new ProbeError(detected.message, 'make-missing');
  const safety = await assessSafety(directory, options.makefile);
  const placement = decidePlacement(options.sandbox ?? 'auto', applicableRisks(safety, probe), probe.builds);
  if (placement.where === 'refused') throw new ProbeError(placement.reasons.join('\n  '), 'refused');

  const context = (where: string, toOriginal: (file: string) => string): RunContext => ({
    make: detected.make,
    safety,
    placement,
    directory: where,
    toProjectPath: (file, base = where) => toOriginal(path.resolve(base, file)),
    run: async (args, onStdout) => {
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
      const result = await runProcess({
        file: detected.make.path,
        args,
        cwd: where,
        env: options.environment,
        makeFlags: options.makeFlags,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
        signal: options.signal,
        onStdout: stream
          ? (chunk) => {
              depth.push(chunk);
              stream(chunk);
            }
          : undefined,
        onSpawn: options.onSpawn,
      });
      options.onRun?.({
        make: detected.make.path,
        args,
        directory,
        sandboxed: where !== directory,
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

  if (placement.where === 'in-place') return work(context(directory, (file) => file));
  return withSandbox(directory, (sandbox) => work(context(sandbox.directory, sandbox.toOriginal)));
}
