// One build of the comparison: isolated at the project's own paths (or in a fresh copy), then its logs and writes read back.
import type { ExecRequest, ExecResult } from '../probes/exec';
import { runProcess } from '../probes/exec';
import { withIsolation } from '../probes/isolation/isolationSession';
import { realFolder } from '../probes/isolation/projectRoot';
import type { Placement } from '../probes/placement';
import { ProbeError } from '../probes/probeOptions';
import { withSandbox } from '../probes/sandbox';
import { copyView, isolatedView, type BuildView } from './buildView';
import type { RunKind, RunRecord } from './parallelTypes';
import { parseTargetLogs, type TargetLogs } from './targetLogs';
import type { TreeSnapshot } from './treeSnapshot';

export interface RunPlan {
  label: string;
  kind: RunKind;
  jobs: number;
  shuffle?: string;
}

export interface BuildSettings {
  directory: string;
  make: string;
  /** Isolated, or a copy where isolation is not available. */
  placement: Extract<Placement, { where: 'isolated' | 'copy' }>;
  /** For builds in copies: the wrapper that merges stderr into stdout (mergedOutput.ts). */
  wrapper: string;
  /** For builds in copies: a private folder for the probe's own files (trace logs). */
  scratch: string;
  /** make arguments before the run's own flags (-f, extra args). */
  baseArgs: string[];
  targets: string[];
  outputSync: boolean;
  /** For builds in copies: the project as it is (hashes), the reference for what a build changed. */
  initial?: TreeSnapshot;
  timeoutMs: number;
  maxOutputBytes: number;
  environment?: Readonly<Record<string, string>>;
  makeFlags?: string;
  signal?: AbortSignal;
  onSpawn?: (pid: number) => void;
}

export interface FinishedBuild {
  record: RunRecord;
  view: BuildView;
  logs: TargetLogs;
}

/** Runs a program in the build's place with stderr merged into stdout; `files` holds the probe's own files. */
export type BuildRunner = (
  request: Omit<ExecRequest, 'cwd' | 'timeoutMs' | 'maxOutputBytes' | 'signal' | 'onSpawn'>,
) => Promise<ExecResult>;

export interface BuildPlace {
  /** Where make runs: the project directory itself when isolated, else the copy. */
  directory: string;
  /** A folder for the probe's own files (trace logs) that the build can write at the same path. */
  files: string;
  run: BuildRunner;
  view(): Promise<BuildView>;
  /** Maps a path in `directory` back to the user's project. */
  toOriginal(file: string): string;
}

export function runFlags(plan: RunPlan, outputSync: boolean): string[] {
  const flags = [`-j${plan.jobs}`, '--trace'];
  if (outputSync) flags.push('--output-sync=target');
  if (plan.shuffle !== undefined) flags.push(`--shuffle=${plan.shuffle}`);
  return flags;
}

export function makeCommandLine(settings: BuildSettings, flags: string[]): string[] {
  const args = [...settings.baseArgs, ...flags];
  if (settings.targets.length > 0) args.push('--', ...settings.targets);
  return args;
}

/** A fresh place for one build (isolated session or copy), removed when `use` returns. */
export async function withBuildPlace<T>(
  settings: BuildSettings,
  use: (place: BuildPlace) => Promise<T>,
): Promise<T> {
  const limits = {
    timeoutMs: settings.timeoutMs,
    maxOutputBytes: settings.maxOutputBytes,
    signal: settings.signal,
    onSpawn: settings.onSpawn,
  };
  const { placement } = settings;
  if (placement.where === 'isolated') {
    // make runs in the real folder, the one the overlay covers; its writes come back by real paths.
    const directory = await realFolder(settings.directory);
    return withIsolation(placement.isolation, placement.root, (session) =>
      use({
        directory,
        files: session.files,
        run: (request) =>
          session.run({
            ...request,
            ...limits,
            cwd: directory,
            mergeStderr: true,
            programs: [settings.make],
          }),
        view: async () => isolatedView(session, await session.layer(), directory),
        toOriginal: (file) => file,
      }),
    );
  }
  return withSandbox(settings.directory, (sandbox) =>
    use({
      directory: sandbox.directory,
      files: settings.scratch,
      run: (request) =>
        runProcess({
          ...request,
          ...limits,
          file: settings.wrapper,
          args: [request.file, ...request.args],
          cwd: sandbox.directory,
        }),
      view: () => copyView(sandbox.directory, settings.initial ?? new Map()),
      toOriginal: sandbox.toOriginal,
    }),
  );
}

/** Builds in a fresh place and calls `inspect` while it still exists; the place is removed after. */
export async function buildOnce<T>(
  settings: BuildSettings,
  plan: RunPlan,
  inspect: (build: FinishedBuild) => Promise<T>,
): Promise<T> {
  return withBuildPlace(settings, async (place) => {
    const flags = runFlags(plan, settings.outputSync);
    const args = makeCommandLine(settings, flags);
    const result = await place.run({
      file: settings.make,
      args,
      env: settings.environment,
      makeFlags: settings.makeFlags,
    });
    if (result.outcome === 'spawn-error')
      throw new ProbeError(result.message ?? 'make failed to start', 'make-missing');
    if (result.outcome !== 'exited')
      throw new ProbeError(`${plan.label}: ${result.message ?? result.outcome}`, result.outcome);
    const view = await place.view();
    const logs = parseTargetLogs(result.stdout, place.directory);
    const record: RunRecord = {
      label: plan.label,
      kind: plan.kind,
      jobs: plan.jobs,
      shuffle: plan.shuffle,
      command: [settings.make, '-C', settings.directory, ...args],
      exitCode: result.exitCode ?? 2,
      firstError: logs.firstError,
      wallMs: Math.round(result.durationMs),
      order: logs.order,
      ...view.changes,
      outputSynced: settings.outputSync,
    };
    return inspect({ record, view, logs });
  });
}
