// What each rung's answer means, in plain words a teammate new to the build can act on. Pure.
import type { ParallelDiffResult } from '../parallel/parallelTypes';
import { hasDifference } from '../parallel/runComparison';
import type { ConvergenceResult } from '../probes/convergenceProbe';
import type { DatabaseResult } from '../probes/databaseProbe';
import type { DbVariable } from '../probes/parsers/databaseModel';
import type { DryRunResult } from '../probes/dryRunProbe';
import { ProbeError } from '../probes/probeOptions';
import type { TimingResult } from '../probes/timingProbe';
import type { TraceReport } from '../probes/traceProbe';
import type { RungStatus } from './evidenceTypes';
import { goalsOf } from './influence';
import { formatDuration } from '../../contract/wording/durations';
import { meaningfulSpeedup } from '../../contract/wording/parallelFigures';
import { reasonSummary } from '../probes/reasonSummary';
import { relativeTo } from '../probes/traceModel';

export interface Explained {
  status: RungStatus;
  excerpt: string;
  interpretation: string;
}

const MAX_EXCERPT_LINES = 12;
/** Where a step's long prerequisite lists are whole: the recorded output linked under the excerpt. */
const SEE_ALL = 'in the full output linked below';

/** `  (file:line)` with the file relative to `root`, the project's folder, as a user names it. */
function ruleLocation(target: { file?: string; line?: number }, root: string): string {
  return target.file ? `  (${relativeTo(root, target.file)}:${target.line ?? '?'})` : '';
}

function excerptOf(lines: string[]): string {
  const shown = lines.slice(0, MAX_EXCERPT_LINES);
  if (lines.length > shown.length) shown.push(`... (${lines.length - shown.length} more)`);
  return shown.join('\n');
}

export function failure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ProbeError && error.kind === 'refused') return `Not run: ${message}`;
  return `This rung could not gather its evidence: ${message}`;
}

export function symptom(
  result: DatabaseResult,
  outside: DbVariable[],
  options: { targets?: string[]; jobs?: number; symptom?: string },
  makeVersion: string,
): Explained {
  const goals = goalsOf(result.database, options.targets ?? []);
  const lines = [
    `target(s): ${goals.join(' ') || '(none: the makefile has no default goal)'}`,
    `-j level: ${options.jobs ?? 1}`,
    `make: GNU Make ${makeVersion}`,
    ...(options.symptom ? [`reported symptom: ${options.symptom}`] : []),
    ...outside.map((v) => `${v.name} = ${v.value}   (from the ${v.origin})`),
  ];
  const interpretation =
    outside.length === 0
      ? `The goal is ${goals.join(' ') || 'unknown'}; no environment or command-line variable reaches it, so the result depends on the makefiles and the files alone.`
      : `${outside.length} variable(s) from outside the makefiles reach the goal (${outside.map((v) => v.name).join(', ')}): another machine or shell with different values can behave differently.`;
  return { status: 'ok', excerpt: excerptOf(lines), interpretation };
}

/** `root`: the project's folder, which the prerequisites are named relative to. */
export function intendedWork(result: DryRunResult, root: string): Explained {
  const lines = result.groups.map(
    (group) =>
      `${group.target}${group.phony ? ' (phony)' : ''}: ${group.commands.length} command(s) (${reasonSummary(group.reason, root, SEE_ALL)})`,
  );
  if (result.errors.length > 0) {
    return {
      status: 'finding',
      excerpt: excerptOf([...result.errors, ...lines]),
      interpretation: `make cannot even plan the work: ${result.errors[0]}`,
    };
  }
  if (result.commandCount === 0) {
    return {
      status: 'ok',
      excerpt: 'nothing to do',
      interpretation: 'Nothing would run: every target is up to date.',
    };
  }
  return {
    status: 'ok',
    excerpt: excerptOf(lines),
    interpretation: `${result.commandCount} command(s) would run for ${result.groups.length} target(s).`,
  };
}

export function causality(result: TraceReport, root: string): Explained {
  const lines = result.targets.map(
    (target) =>
      `${target.name} <- ${reasonSummary(target.reason, root, SEE_ALL)}${ruleLocation(target, root)}`,
  );
  if (result.errors.length > 0) {
    return {
      status: 'finding',
      excerpt: excerptOf([...result.errors, ...lines]),
      interpretation: `make stops: ${result.errors[0]}`,
    };
  }
  const files = result.targets.filter((target) => !target.phony);
  if (files.length === 0) {
    return {
      status: 'ok',
      excerpt: excerptOf(lines) || 'nothing would rebuild',
      interpretation: 'No file target would rebuild; only phony targets run, by design.',
    };
  }
  const first = files[0];
  return {
    status: 'ok',
    excerpt: excerptOf(lines),
    interpretation: `${files.length} file target(s) would rebuild; for example ${first?.name} because ${first?.reason.text}.`,
  };
}

export function resolvedState(result: DatabaseResult | undefined, savedAs: string | undefined): Explained {
  if (!result)
    return {
      status: 'error',
      excerpt: '',
      interpretation: 'make could not print its database (see rung 1).',
    };
  const db = result.database;
  const fromMakefiles = db.variables.filter(
    (v) => v.origin === 'makefile' || v.origin.includes('override'),
  ).length;
  const targets = db.files.filter((file) => file.isTarget && !file.builtin).length;
  const where = savedAs ? ` The full dump is saved as ${savedAs}.` : '';
  return {
    status: 'ok',
    excerpt: `${db.variables.length} variables (${fromMakefiles} from makefiles), ${targets} targets, ${db.patternRules.length} pattern rules`,
    interpretation: `make read ${fromMakefiles} variables and ${targets} targets from the makefiles.${where}`,
  };
}

/** `root`: the project's folder, which the rules' files are named relative to. */
export function convergence(result: ConvergenceResult, root: string): Explained {
  const lines = result.stale.map((target) => `${target.name}: ${target.hint}${ruleLocation(target, root)}`);
  const phony =
    result.phony.length > 0
      ? [
          `phony (run every time by design): ${[...new Set(result.phony.map((t) => t.name))].sort().join(' ')}`,
        ]
      : [];
  if (result.verdict === 'converged') {
    return {
      status: 'ok',
      excerpt: excerptOf(['converged', ...phony]),
      interpretation: result.builtFirst
        ? 'Converged: a successful build leaves nothing to do.'
        : 'Converged: nothing is out of date right now.',
    };
  }
  const first = result.stale[0];
  return {
    status: 'finding',
    excerpt: excerptOf([...lines, ...phony, ...result.notes]),
    interpretation: first
      ? `Not converged: ${first.name} ${first.hint}.`
      : 'Not converged: make -q reports work left after the build.',
  };
}

export function timing(result: TimingResult): Explained {
  const lines = [
    `reading makefiles: ${formatDuration(result.parseMs)}`,
    `make -n (read + plan): ${formatDuration(result.readOnlyMs)}`,
  ];
  if (result.buildMs !== undefined)
    lines.push(`full build (isolated): ${formatDuration(result.buildMs)}, exit ${result.buildExitCode}`);
  for (const call of result.shellCalls.slice(0, 5))
    lines.push(`$(shell ${call.command}): ${formatDuration(call.durationMs)}`);
  const failed = result.buildExitCode !== undefined && result.buildExitCode !== 0;
  let interpretation: string;
  if (result.buildMs === undefined) {
    interpretation = `Reading the makefiles takes ${formatDuration(result.parseMs)}; no build was timed.`;
  } else {
    const share = result.buildMs > 0 ? Math.round((100 * result.parseMs) / result.buildMs) : 0;
    interpretation =
      share >= 50
        ? `Parse-bound: reading the makefiles is ${share}% of the build's ${formatDuration(result.buildMs)}; look at $(shell ...) and $(wildcard ...) calls first.`
        : `Recipe-bound: reading takes ${formatDuration(result.parseMs)} of the build's ${formatDuration(result.buildMs)} (${share}%); the time goes to the recipes.`;
  }
  if (failed) interpretation += ` The isolated build failed (exit ${result.buildExitCode}).`;
  return {
    status: failed ? 'finding' : 'ok',
    excerpt: excerptOf([...lines, ...result.notes]),
    interpretation,
  };
}

export function parallel(result: ParallelDiffResult): Explained {
  const lines = [
    ...result.runs.map(
      (run) =>
        `${run.label}: exit ${run.exitCode}, ${formatDuration(run.wallMs)}${run.firstError ? `, first error: ${run.firstError}` : ''}`,
    ),
    ...result.findings.map((finding) => `${finding.kind}: ${finding.message}`),
  ];
  const figure = meaningfulSpeedup(result);
  const speed = figure ? ` Speedup with -j${result.jobs}: ${figure.toFixed(2)}x.` : '';
  const tracing =
    result.tracing.state === 'traced' ? '' : ` File accesses were not traced (${result.tracing.reason}).`;
  switch (result.verdict) {
    case 'clean':
      return {
        status: 'ok',
        excerpt: excerptOf(lines),
        interpretation: `Serial and parallel builds agree.${speed}${tracing}`,
      };
    case 'serial-build-failed':
      return {
        status: 'finding',
        excerpt: excerptOf(lines),
        interpretation: 'The build fails serially too, so the failure is not about parallelism.',
      };
    default: {
      const finding = result.findings[0];
      const fix = finding?.fix
        ? ` Fix: ${finding.fix.title} (${finding.fix.file}:${finding.fix.line + 1}).`
        : '';
      return {
        status: 'finding',
        excerpt: excerptOf(lines),
        interpretation: finding
          ? `Parallelism changes the result: ${finding.message}.${fix}`
          : `Parallelism changes the result (${differingRuns(result)}) and no missing prerequisite explains it.${tracing}`,
      };
    }
  }
}

/** Which runs differ from the serial build, and in what: the exit status or the files written. */
function differingRuns(result: ParallelDiffResult): string {
  const differing = result.differences.filter(hasDifference);
  const first = differing[0];
  if (!first) return 'no run differs in exit status or files';
  const files = first.artifacts.map((artifact) => artifact.path);
  const what = [
    ...(first.exitCodeDiffers ? ['its exit status'] : []),
    ...(files.length > 0
      ? [`${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`]
      : []),
  ].join(' and ');
  return `${differing.length} run(s) differ; ${first.run} in ${what}`;
}

export function parallelSkipped(): Explained {
  return {
    status: 'skipped',
    excerpt: '',
    interpretation: 'Skipped: builds were turned off for this collection.',
  };
}
