// One build of the comparison: a fresh sandbox copy, make with the run's flags, then the tree and logs read back.
import { withSandbox } from '../probes/sandbox';
import { runProcess } from '../probes/exec';
import { ProbeError } from '../probes/probeOptions';
import type { RunKind, RunRecord } from './parallelTypes';
import { parseTargetLogs, type TargetLogs } from './targetLogs';
import { diffSnapshots, snapshotTree, type TreeSnapshot } from './treeSnapshot';

export interface RunPlan {
  label: string;
  kind: RunKind;
  jobs: number;
  shuffle?: string;
}

export interface BuildSettings {
  directory: string;
  make: string;
  /** The wrapper that merges stderr into stdout (mergedOutput.ts). */
  wrapper: string;
  /** make arguments before the run's own flags (-f, extra args). */
  baseArgs: string[];
  targets: string[];
  outputSync: boolean;
  /** The project as it is (hashes), the reference for what a build changed. */
  initial: TreeSnapshot;
  timeoutMs: number;
  maxOutputBytes: number;
  environment?: Readonly<Record<string, string>>;
  makeFlags?: string;
  signal?: AbortSignal;
  onSpawn?: (pid: number) => void;
}

export interface FinishedBuild {
  record: RunRecord;
  snapshot: TreeSnapshot;
  logs: TargetLogs;
  /** The sandbox directory; only valid inside the `inspect` callback. */
  directory: string;
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

/** Builds in a fresh copy and calls `inspect` while the copy still exists; the copy is removed after. */
export async function buildInSandbox<T>(
  settings: BuildSettings,
  plan: RunPlan,
  inspect: (build: FinishedBuild) => Promise<T>,
): Promise<T> {
  return withSandbox(settings.directory, async (sandbox) => {
    const flags = runFlags(plan, settings.outputSync);
    const args = makeCommandLine(settings, flags);
    const result = await runProcess({
      file: settings.wrapper,
      args: [settings.make, ...args],
      cwd: sandbox.directory,
      env: settings.environment,
      makeFlags: settings.makeFlags,
      timeoutMs: settings.timeoutMs,
      maxOutputBytes: settings.maxOutputBytes,
      signal: settings.signal,
      onSpawn: settings.onSpawn,
    });
    if (result.outcome === 'spawn-error')
      throw new ProbeError(result.message ?? 'make failed to start', 'make-missing');
    if (result.outcome !== 'exited')
      throw new ProbeError(`${plan.label}: ${result.message ?? result.outcome}`, result.outcome);
    const snapshot = await snapshotTree(sandbox.directory, settings.initial);
    const changes = diffSnapshots(settings.initial, snapshot);
    const logs = parseTargetLogs(result.stdout, sandbox.directory);
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
      ...changes,
      outputSynced: settings.outputSync,
    };
    return inspect({ record, snapshot, logs, directory: sandbox.directory });
  });
}
