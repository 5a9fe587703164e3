// Turns the rungs' results into the facts the escalation criteria are judged on. Pure.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ParallelDiffResult } from '../parallel/parallelTypes';
import type { ConvergenceResult } from '../probes/convergenceProbe';
import type { DatabaseResult } from '../probes/databaseProbe';
import type { DbVariable } from '../probes/parsers/databaseModel';
import type { DryRunResult } from '../probes/dryRunProbe';
import type { TimingResult } from '../probes/timingProbe';
import type { TraceReport } from '../probes/traceProbe';
import type { AuditResult } from '../audit/auditTypes';
import type { TimelineResult } from '../timeline/timelineProbe';
import type { EscalationFacts } from './escalation';
import type { EvidenceLocation, Rung } from './evidenceTypes';
import { notParallelPlaces } from './notParallelPlaces';

export interface LadderResults {
  options: { directory: string; targets?: string[]; symptom?: string };
  database?: DatabaseResult;
  /** Environment and command-line variables that reach the goals (influence.ts), from the database rung. */
  influential: DbVariable[];
  dryRun?: DryRunResult;
  trace?: TraceReport;
  convergence?: ConvergenceResult;
  timing?: TimingResult;
  parallel?: ParallelDiffResult;
  /** Present when the timeline rung ran (a slow symptom, or asked for). */
  timeline?: TimelineResult;
  /** Present when the audit rung ran. */
  audit?: AuditResult;
  makeVersion: string;
  rungs: Rung[];
  /** Messages of rungs that failed because make failed. */
  failures: string[];
}

// make's own complaints, as opposed to a recipe's command failing ("*** [file:line: target] Error N").
const MAKE_ERROR = /\*\*\* (No rule to make target|missing separator|.*Stop\.)/;
const RECIPE_FAILURE = /\*\*\* \[(?:(.+?):(\d+): )?([^\]]+)\] Error (\d+)/;
const TOOL_DIAGNOSTIC =
  /:\d+(?::\d+)?: (?:fatal )?error:|collect2: error|\bld: |Error 12[67]\b|command not found/;
const DECLARED_VERSION =
  /(?:requires?|needs?|minimum|at least)\s+(?:GNU\s+)?make\s*(?:version\s*)?(?:>=?\s*)?(\d+\.\d+(?:\.\d+)?)/i;

export function gatherFacts(results: LadderResults): EscalationFacts {
  const directory = path.resolve(results.options.directory);
  const errors = [
    ...(results.dryRun?.errors ?? []),
    ...(results.trace?.errors ?? []),
    ...(results.parallel?.runs.flatMap((run) => (run.firstError ? [run.firstError] : [])) ?? []),
  ];
  const pointers: EvidenceLocation[] = [];
  for (const target of results.convergence?.stale ?? []) {
    pointers.push({
      file: target.file ?? directory,
      line: target.line,
      message: `${target.name}: ${target.hint}`,
      ruleId: 'convergence/stale-target',
      level: 'warning',
    });
  }
  for (const finding of results.parallel?.findings ?? []) {
    pointers.push({
      file: finding.rule?.file ?? directory,
      line: finding.rule?.line,
      message: finding.fix ? `${finding.message}; fix: ${finding.fix.title}` : finding.message,
      ruleId: `parallel/${finding.kind}`,
      level: 'error',
    });
  }
  pointers.push(...tracedPointers(results, pointers));
  const makeErrors: string[] = [];
  const makeMessages = [
    ...(results.dryRun?.errors ?? []),
    ...(results.trace?.errors ?? []),
    ...results.failures,
  ];
  // The same complaint comes from several rungs, each with its own prefix: keep make's words once.
  const complaints = new Set(
    makeMessages
      .flatMap((message) => message.split('\n'))
      .map((line) => line.slice(Math.max(0, line.indexOf('make: ***')))),
  );
  for (const complaint of complaints) {
    if (!MAKE_ERROR.test(complaint)) continue;
    makeErrors.push(complaint.trim());
    const neededBy = /needed by '([^']+)'/.exec(complaint)?.[1];
    const rule = neededBy
      ? results.database?.database.files.find((file) => file.name === neededBy)?.recipe
      : undefined;
    pointers.push({
      file: rule?.file ? path.resolve(directory, rule.file) : directory,
      line: rule?.line,
      message: complaint.trim(),
      ruleId: 'build/make-error',
      level: 'error',
    });
  }
  // A failure of the serial build is not a race; it is a tool's when a tool says so (a compiler
  // diagnostic, a command not found), else a recipe of this project fails and that is a local matter.
  const toolFailures: string[] = [];
  const serialFailure = results.parallel?.runs.find(
    (run) => run.kind === 'serial' && run.exitCode !== 0,
  )?.firstError;
  if (serialFailure) {
    if (TOOL_DIAGNOSTIC.test(serialFailure)) toolFailures.push(serialFailure.trim());
    const failure = RECIPE_FAILURE.exec(serialFailure);
    if (failure?.[1]) {
      pointers.push({
        file: path.resolve(directory, failure[1]),
        line: Number(failure[2]),
        message: `the recipe of ${failure[3]} fails: ${serialFailure.trim()}`,
        ruleId: 'build/recipe-failed',
        level: 'error',
      });
    }
  }
  const db = results.database?.database;
  const parallel = results.parallel;
  const unexplained = parallel
    ? parallel.differences.filter((d) => d.exitCodeDiffers || d.artifacts.length > 0).length
    : 0;
  return {
    symptom: results.options.symptom,
    ungathered: results.rungs
      .filter((rung) => rung.status === 'error')
      .map((rung) => `${rung.title}: ${rung.interpretation}`),
    reproduced:
      pointers.length > 0 ||
      results.failures.length > 0 ||
      errors.length > 0 ||
      (results.convergence?.verdict ?? 'converged') !== 'converged' ||
      unexplained > 0,
    plannedRebuilds: (results.trace?.targets ?? [])
      .filter((target) => !target.phony)
      .slice(0, 5)
      .map(
        (target) =>
          `${target.name} because ${target.reason.text}${target.file ? ` (${path.relative(directory, path.resolve(directory, target.file))}:${target.line ?? '?'})` : ''}`,
      ),
    unstableRuns: unstableRuns(parallel),
    outsideMakefiles: outsideMakefiles(pointers, directory),
    toolFailures,
    makeErrors,
    influentialVariables: results.influential.map(({ name, origin, value }) => ({ name, origin, value })),
    makeVersion: results.makeVersion,
    declaredMakeVersion: db
      ? declaredVersion(
          db.variables.map((v) => v.file).filter((f): f is string => !!f),
          directory,
        )
      : undefined,
    unexplainedParallelDifferences: unexplained,
    parallelFindings: parallel?.findings.length ?? 0,
    parallelismDisabledAt: db ? notParallel(db, directory) : [],
    pointers,
  };
}

/** Runs made with the same settings (same kind, jobs and shuffle) that ended differently. */
function unstableRuns(parallel: ParallelDiffResult | undefined): string[] {
  const byKey = new Map<string, { label: string; exitCode: number }>();
  const unstable: string[] = [];
  for (const run of parallel?.runs ?? []) {
    if (run.kind === 'shuffle-seed' || run.kind === 'traced') continue;
    const key = `${run.kind}/${run.jobs}/${run.shuffle ?? ''}`;
    const earlier = byKey.get(key);
    if (earlier && earlier.exitCode !== run.exitCode) {
      unstable.push(`${earlier.label} exited ${earlier.exitCode}, ${run.label} exited ${run.exitCode}`);
    }
    if (!earlier) byKey.set(key, { label: run.label, exitCode: run.exitCode });
  }
  return unstable;
}

function outsideMakefiles(pointers: EvidenceLocation[], directory: string): string[] {
  const outside = new Set<string>();
  for (const pointer of pointers) {
    if (pointer.line === undefined) continue;
    const relative = path.relative(directory, pointer.file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) outside.add(pointer.file);
  }
  return [...outside];
}

function declaredVersion(files: string[], directory: string): { version: string; where: string } | undefined {
  for (const file of new Set(files)) {
    const full = path.resolve(directory, file);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch {
      continue;
    }
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const match = DECLARED_VERSION.exec(lines[i] ?? '');
      if (match?.[1])
        return { version: match[1], where: `${path.relative(directory, full) || file}:${i + 1}` };
    }
  }
  return undefined;
}

/** Where the project itself disables parallelism; a generated makefile's .NOTPARALLEL is not the project's. */
function notParallel(db: DatabaseResult['database'], directory: string): string[] {
  if (!db.files.some((file) => file.name === '.NOTPARALLEL' && file.isTarget)) return [];
  const listed = db.variables.find((v) => v.name === 'MAKEFILE_LIST')?.value.split(/\s+/) ?? [];
  const makefiles = [...listed, ...db.variables.map((v) => v.file)].filter((f): f is string => !!f);
  return notParallelPlaces(makefiles, directory) ?? ['.NOTPARALLEL in the makefiles'];
}

/**
 * The audit's undeclared edges not already pointed at by the parallel rung, then, for a slow build, the rule of
 * the target on the critical path whose speed-up would shorten the build most.
 */
function tracedPointers(results: LadderResults, already: EvidenceLocation[]): EvidenceLocation[] {
  const found: EvidenceLocation[] = [];
  const pointed = new Set(already.map((pointer) => `${pointer.file}:${pointer.line}`));
  for (const pointer of auditPointers(results.audit)) {
    const key = `${pointer.file}:${pointer.line}`;
    if (pointed.has(key)) continue;
    pointed.add(key);
    found.push(pointer);
  }
  const timeline = results.timeline?.timeline;
  const best = timeline?.speedups[0];
  const span =
    best &&
    timeline?.spans.find(
      (candidate) =>
        candidate.target === best.target &&
        candidate.level === best.level &&
        candidate.directory === best.directory,
    );
  if (best && span?.rule)
    found.push({
      file: span.rule.file,
      line: span.rule.line,
      message: `${best.target} is on the critical path: making it faster would save up to ${best.savesSeconds.toFixed(2)} s of ${timeline.wallSeconds.toFixed(2)} s`,
      ruleId: 'timeline/critical-path',
      level: 'note',
    });
  return found;
}

/** Each audit warning at its rule's make file:line: the audit rung's locations (and SARIF results). */
export function auditPointers(audit: AuditResult | undefined): EvidenceLocation[] {
  return (audit?.findings ?? []).flatMap((finding) =>
    finding.severity === 'warning' && finding.rule
      ? [
          {
            file: finding.rule.file,
            line: finding.rule.line,
            message: finding.fix ? `${finding.message}; fix: ${finding.fix.title}` : finding.message,
            ruleId: `audit/${finding.kind}`,
            level: 'warning' as const,
          },
        ]
      : [],
  );
}
