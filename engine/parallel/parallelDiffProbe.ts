// Parallel diff: serial against -jN and shuffled builds, each isolated, plus traced race detection.
import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { buildOnce, type RunPlan } from './buildRun';
import { withPreparedBuilds } from './buildSettings';
import { chooseAccessRecorder, type RecorderChoice } from './accessRecorder';
import { recorderName } from './fileAccessTracer';
import type {
  ArtifactDifference,
  ParallelDiffResult,
  RunDifference,
  RunRecord,
  TracingStatus,
  Verdict,
} from './parallelTypes';
import type { ProbeOptions } from '../probes/probeOptions';
import { detectRaces } from './raceDetection';
import { compareArtifacts, compareRuns, hasDifference } from './runComparison';
import { monotonicMs } from '../probes/monotonicMs';

export { DEFAULT_MAX_SANDBOX_BYTES } from './buildSettings';

export type ShuffleMode = 'all' | 'random' | 'reverse' | { seed: number };

export interface ParallelDiffOptions extends ProbeOptions {
  /** Random seeds with make >= 4.4 (repeated -jN builds with older makes); 2 by default. */
  runs?: number;
  /** Which shuffled builds (make >= 4.4): reverse and `runs` random seeds by default. */
  shuffle?: ShuffleMode;
  /** Trace file accesses with strace for race detection (default true). */
  trace?: boolean;
  /** Where builds must run in copies (no isolation here), a bigger project is refused; 2 GB by default. */
  maxSandboxBytes?: number;
  /** The strace program (default: strace on PATH). */
  strace?: string;
  /** What records the traced build's file accesses (default 'auto': the preloaded recorder where it can be built). */
  recorder?: RecorderChoice;
}

export function defaultJobs(): number {
  return Math.max(2, availableParallelism());
}

function plans(options: ParallelDiffOptions, jobs: number, canShuffle: boolean, notes: string[]): RunPlan[] {
  const runs = options.runs ?? 2;
  const mode = options.shuffle ?? 'all';
  const list: RunPlan[] = [
    { label: 'serial -j1', kind: 'serial', jobs: 1 },
    // A second serial build tells non-deterministic output apart from what parallelism changes.
    { label: 'serial -j1 #2', kind: 'serial-repeat', jobs: 1 },
    { label: `parallel -j${jobs}`, kind: 'parallel', jobs },
  ];
  if (!canShuffle) {
    notes.push(
      'this make has no --shuffle (GNU make 4.4 or newer): the -jN build was repeated instead; ' +
        'build one with scripts/build-make-4.4.1.sh and pass --make',
    );
    for (let i = 2; i <= runs; i++) list.push({ label: `parallel -j${jobs} #${i}`, kind: 'parallel', jobs });
    return list;
  }
  if (mode === 'all' || mode === 'reverse')
    list.push({ label: `-j${jobs} --shuffle=reverse`, kind: 'shuffle-reverse', jobs, shuffle: 'reverse' });
  const seeds =
    typeof mode === 'object'
      ? [mode.seed]
      : mode === 'reverse'
        ? []
        : Array.from({ length: runs }, () => randomInt(1, 2_000_000_000));
  for (const seed of seeds)
    list.push({ label: `-j${jobs} --shuffle=${seed}`, kind: 'shuffle-seed', jobs, shuffle: String(seed) });
  return list;
}

function verdictOf(serialFailed: boolean, differs: boolean, findings: number): Verdict {
  if (serialFailed) return 'serial-build-failed';
  if (differs && findings > 0) return 'differences-and-findings';
  if (differs) return 'differences';
  return findings > 0 ? 'findings' : 'clean';
}

export async function parallelDiffProbe(options: ParallelDiffOptions): Promise<ParallelDiffResult> {
  const started = monotonicMs();
  const targets = options.targets ?? [];
  const notes: string[] = [];
  return withPreparedBuilds(options, 'parallel', async ({ settings, make, sandboxBytes }) => {
    const directory = settings.directory;
    const { placement } = settings;
    const jobs = options.jobs ?? defaultJobs();
    const runPlans = plans(options, jobs, make.canShuffle, notes);
    const total = runPlans.length + (options.trace === false ? 0 : 1);
    const progress = (step: number, what: string): void => options.onProgress?.(`(${step}/${total}) ${what}`);
    const runs: RunRecord[] = [];
    const differences: RunDifference[] = [];
    progress(1, runPlans[0].label);
    let nondeterministic: ArtifactDifference[] = [];
    await buildOnce(settings, runPlans[0], async (serial) => {
      runs.push(serial.record);
      const apart = new Set<string>();
      for (const [index, plan] of runPlans.slice(1).entries()) {
        progress(index + 2, plan.label);
        await buildOnce(settings, plan, async (other) => {
          runs.push(other.record);
          if (plan.kind !== 'serial-repeat') {
            differences.push(await compareRuns(serial, other, apart));
            return;
          }
          nondeterministic = await compareArtifacts(serial, other);
          for (const artifact of nondeterministic) apart.add(artifact.path);
          if (other.record.exitCode !== serial.record.exitCode)
            notes.push(
              `two serial builds ended differently (exit ${serial.record.exitCode} and ${other.record.exitCode}): the build is not reproducible even without -j`,
            );
        });
      }
    });
    let tracing: TracingStatus = { state: 'skipped', reason: 'tracing was turned off' };
    let findings: ParallelDiffResult['findings'] = [];
    if (options.trace !== false) {
      const chosen = await chooseAccessRecorder(options);
      if (chosen.ok) {
        progress(total, `traced serial build (${recorderName(chosen.recorder)})`);
        const detection = await detectRaces(
          settings,
          { ...options, recorder: chosen.recorder },
          runs[0].wallMs,
        );
        findings = detection.findings;
        tracing = detection.tracing;
        notes.push(...chosen.notes, ...detection.notes);
      } else {
        progress(total, 'traced serial build');
        tracing = { state: 'unavailable', reason: chosen.reason };
        notes.push(`no race detection by tracing: ${chosen.reason}; only the comparison of runs was made`);
      }
    }
    if (runs[0].exitCode !== 0)
      notes.push(
        `the serial build fails (exit ${runs[0].exitCode}${runs[0].firstError ? `: ${runs[0].firstError}` : ''}): fix it before comparing`,
      );
    const differing = differences.filter(hasDifference);
    const firstDiffering = runs.find((run) => run.label === differing[0]?.run);
    const parallel = runs.find((run) => run.kind === 'parallel');
    const buildMs =
      runs.reduce((sum, run) => sum + run.wallMs, 0) + (tracing.state === 'traced' ? tracing.wallMs : 0);
    return {
      verdict: verdictOf(runs[0].exitCode !== 0, differing.length > 0, findings.length),
      directory,
      targets,
      make: {
        path: make.path,
        version: make.version.text,
        canShuffle: make.canShuffle,
        outputSync: settings.outputSync,
      },
      jobs,
      runs,
      differences,
      findings,
      tracing,
      // A build that failed early is fast, not parallel: no speedup unless both builds succeeded.
      speedup:
        parallel && parallel.wallMs > 0 && parallel.exitCode === 0 && runs[0].exitCode === 0
          ? runs[0].wallMs / parallel.wallMs
          : undefined,
      reproduce: firstDiffering?.command,
      sandboxBytes,
      overheadMs: Math.max(0, Math.round(monotonicMs() - started - buildMs)),
      ...(nondeterministic.length > 0 ? { nondeterministic } : {}),
      placement: { where: placement.where, reasons: placement.reasons },
      notes,
    };
  });
}
