// Convergence: `make -q`, and when stale, `make -n --trace` to name what would rebuild and why.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { WrittenFile } from './isolation/isolationSession';
import type { UpperLayer } from './isolation/upperLayer';
import { makeArgs, summarize, withMake, type PlacementSummary, type RunContext } from './makeRun';
import { DEFAULT_TIMEOUT_MS, ProbeError, type ProbeOptions } from './probeOptions';
import { TraceParser, type TraceResult } from './parsers/traceParser';
import { causesFirst } from './causesFirst';
import { locateTargets, type LocatedTarget } from './traceModel';
import { monotonicMs } from './monotonicMs';

export interface StaleTarget extends LocatedTarget {
  /** Why this matters, in one sentence. */
  hint: string;
}

export interface SubMakeSummary {
  directory: string;
  makeLevel: number;
  hasWork: boolean;
  upToDate: string[];
}

export interface ConvergenceResult {
  verdict: 'converged' | 'not-converged';
  /** Exit status of `make -q`: 0 up to date, 1 something to do. */
  questionStatus: number;
  stale: StaleTarget[];
  /** Phony targets run every time by design: reported apart, not a convergence failure. */
  phony: LocatedTarget[];
  /**
   * Targets make -n would remake that a real second make left as they were (a FORCE'd rule that
   * writes only on change, a stamp, a recursive entry point whose sub-make has nothing to do): fine.
   */
  unchanged: StaleTarget[];
  /** What a real second make wrote, run isolated after make -q (undefined where runs are not isolated). */
  observed?: ObservedRun;
  subMakes: SubMakeSummary[];
  /** True when -q said "stale" but nothing really changes (a real second make wrote nothing, or only phony work). */
  seenThrough: boolean;
  builtFirst: boolean;
  placement: PlacementSummary;
  notes: string[];
}

export interface ObservedRun {
  exitCode: number;
  /** Files and new folders it created, changed or deleted (real paths). */
  written: WrittenFile[];
  /** The first line of make's error when it failed. */
  error?: string;
  /** Set when the run was stopped (a tree never built is not built whole): it wrote more than listed. */
  stoppedAfterMs?: number;
}

export interface ConvergenceOptions extends ProbeOptions {
  /** Build first (sandbox only), then check that the build settled. */
  buildFirst?: boolean;
}

function hintFor(target: LocatedTarget, builtFirst: boolean): string {
  switch (target.reason.kind) {
    case 'remade-makefile':
      return 'make remade this makefile or included file before anything else: the build reads a file it regenerates';
    case 'missing':
      return builtFirst
        ? 'still missing right after a successful build: its recipe does not create it (declare it .PHONY or make the recipe write $@)'
        : 'does not exist: never built, or its recipe does not create it';
    case 'newer-prerequisites':
      return builtFirst
        ? `still older than ${newer(target)} right after a build: a recipe gives the target an old timestamp or touches a prerequisite, or clocks disagree`
        : `older than ${newer(target)}`;
    case 'forced':
      return `forced: depends on ${target.reason.prerequisites.join(' ')}, which never exists, so it rebuilds on every run`;
    default:
      return `make gives "${target.reason.text}"`;
  }
}

/** The newer prerequisites, and how few they are among the rule's (a header built from every source). */
function newer(target: LocatedTarget): string {
  const { prerequisites } = target.reason;
  const count = target.prerequisiteCount ?? 0;
  const share =
    count > prerequisites.length ? ` (${prerequisites.length} of its ${count} prerequisites)` : '';
  return `${prerequisites.join(' ')}${share}`;
}

const OBSERVATION_FLOOR_MS = 10_000;

/** Why a target make would remake, whose recipe then changed nothing, is fine. */
function unchangedHint(target: LocatedTarget, unchangedNames: Set<string>): string {
  const assumed = target.reason.prerequisites.filter((name) => unchangedNames.has(name));
  if (target.reason.kind === 'newer-prerequisites' && assumed.length > 0)
    return `make -n assumes ${assumed.join(' ')} changes; it does not, so this is not remade: fine`;
  switch (target.reason.kind) {
    case 'forced':
      return `always runs (forced by ${target.reason.prerequisites.join(' ')}), changes nothing: fine`;
    case 'missing':
      return target.subMakes.length > 0
        ? 'not a file: its recipe runs a sub-make that had nothing to do (declare it .PHONY to say so): fine'
        : 'not a file its recipe writes, and it changes nothing (declare it .PHONY to say so): fine';
    default:
      return 'make would remake it, but its recipe leaves it as it is (a stamp, or a rule that writes only on change): fine';
  }
}

/**
 * A real second make, isolated: what it writes is the truth about convergence (make -n assumes
 * every remade target changes, which FORCE'd rules, stamps and recursive entry points do not).
 */
async function observeSecondMake(
  context: RunContext,
  options: ProbeOptions,
  budgetMs: number,
  before: UpperLayer | undefined,
): Promise<ObservedRun | undefined> {
  const session = context.session;
  if (!session || !before) return undefined;
  options.onProgress?.('make (a second real run, isolated, to see what it writes)');
  try {
    const run = await context.run(makeArgs(options, []), undefined, { timeoutMs: budgetMs });
    const written = await session.written(before);
    const error = run.exitCode === 0 ? undefined : run.stderr.trim().split('\n').pop();
    return { exitCode: run.exitCode ?? 2, written, ...(error ? { error } : {}) };
  } catch (error) {
    // A tree that was never built would be built whole: the run is stopped, and what it wrote so far
    // already says "not converged".
    if (!(error instanceof ProbeError) || error.kind !== 'timeout') throw error;
    return { exitCode: 2, written: await session.written(before), stoppedAfterMs: budgetMs };
  }
}

/** What identifies the makefiles' state: their mtimes (in place or in a copy) or the isolated layer. */
type MakefileState = { times: Map<string, number> } | { layer: UpperLayer };

async function makefileState(context: RunContext): Promise<MakefileState> {
  if (context.session) return { layer: await context.session.layer() };
  const times = new Map<string, number>();
  for (const name of context.safety.makefiles) {
    const info = await stat(path.resolve(context.directory, name)).catch(() => undefined);
    times.set(name, info ? info.mtimeMs : -1);
  }
  return { times };
}

/** The makefiles make remade between two states (it writes them even under -q). */
async function remadeMakefiles(context: RunContext, before: MakefileState): Promise<LocatedTarget[]> {
  let remade: string[];
  if ('layer' in before && context.session) {
    const written = new Set((await context.session.written(before.layer)).map((file) => file.path));
    remade = context.safety.makefiles.filter((name) => written.has(path.resolve(context.directory, name)));
  } else {
    const after = await makefileState(context);
    const times = 'times' in before ? before.times : new Map<string, number>();
    remade =
      'times' in after
        ? [...after.times].filter(([name, time]) => time !== times.get(name)).map(([name]) => name)
        : [];
  }
  return remade.map((name) => ({
    name,
    directory: context.toProjectPath('.'),
    file: context.toProjectPath(context.safety.makefile ?? name),
    reason: {
      kind: 'remade-makefile',
      prerequisites: [],
      text: 'remade before reading the makefiles again',
    },
    phony: false,
    recipe: [],
    makeLevel: 0,
    subMakes: [],
  }));
}

async function traceRun(
  context: RunContext,
  options: ProbeOptions,
): Promise<TraceResult & { failure?: string }> {
  const parser = new TraceParser();
  // The database (-p) says which targets are phony (--trace before 4.4 does not) and how many
  // prerequisites each rule names (causesFirst names a header built from every source after the rest).
  const extra = ['-n', '--trace', '-p'];
  const result = await context.run(makeArgs(options, extra), (chunk) => parser.push(chunk));
  const trace = parser.finish();
  if (result.exitCode !== 0) {
    const failure = `make -n --trace failed (exit ${result.exitCode}): ${result.stderr.trim()}`;
    // A tree far from built can defeat make -n (a rule needs a header another rule generates); a
    // real isolated run can still tell, so the reasons are missing but the verdict is not.
    if (!context.session) throw new ProbeError(failure, 'make-failed');
    return { ...trace, failure };
  }
  return trace;
}

export async function convergenceProbe(options: ConvergenceOptions): Promise<ConvergenceResult> {
  const builds = options.buildFirst === true;
  return withMake(options, { runsGoals: true, expandsRecipes: true, builds }, async (context) => {
    const notes: string[] = [];
    if (builds) {
      options.onProgress?.('building (isolated)');
      const build = await context.run(makeArgs(options, []));
      if (build.exitCode !== 0) {
        throw new ProbeError(
          `the build failed (exit ${build.exitCode}): ${build.stderr.trim()}`,
          'make-failed',
        );
      }
    }
    options.onProgress?.('make -q');
    const questioned = monotonicMs();
    const makefilesBefore = await makefileState(context);
    const question = await context.run(makeArgs(options, ['-q']));
    // make -q remakes makefiles that have rules (never in place): what it wrote tells.
    const remade = await remadeMakefiles(context, makefilesBefore);
    const base = {
      questionStatus: question.exitCode ?? 2,
      builtFirst: builds,
      placement: summarize(context),
      notes,
    };
    if (question.exitCode === 0 && remade.length === 0) {
      return {
        ...base,
        verdict: 'converged',
        stale: [],
        phony: [],
        unchanged: [],
        subMakes: [],
        seenThrough: false,
      };
    }
    if (question.exitCode !== 1 && question.exitCode !== 0) {
      throw new ProbeError(
        `make -q failed (exit ${question.exitCode}): ${question.stderr.trim()}`,
        'make-failed',
      );
    }
    options.onProgress?.('make -n --trace');
    const trace = await traceRun(context, options);
    if (trace.failure) notes.push(`${trace.failure.split('\n')[0]}: the reasons below are partial`);
    // One read of the layer after make -n serves twice: the files as the trace saw them, and what
    // the real second make starts from (nothing runs in between).
    const afterTrace = await context.session?.layer();
    const exists = await context.fileCheck(afterTrace);
    const located = locateTargets(trace, context.directory, context.toProjectPath, exists);
    // The real run may take a few times as long as reading and planning did, at least 10 s.
    const budget = Math.min(
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      Math.max(OBSERVATION_FLOOR_MS, 3 * (monotonicMs() - questioned)),
    );
    const observed = await observeSecondMake(context, options, Math.round(budget), afterTrace);
    const written = new Set(observed?.written.map((file) => file.path));
    const wasWritten = (target: LocatedTarget): boolean =>
      written.has(path.resolve(target.directory, target.name));
    // Without a complete observation (no isolation here, or a run stopped early) every target make -n
    // names counts as stale; what the real run did write comes first.
    const rewritten = (target: LocatedTarget): boolean =>
      observed === undefined || observed.stoppedAfterMs !== undefined || wasWritten(target);
    const candidates = located.filter((target) => !target.phony);
    const madeByRules = new Set(located.map((target) => target.name));
    const ranked = causesFirst(candidates.filter(rewritten), madeByRules, wasWritten);
    const stale = [...remade, ...ranked].map((target) => ({
      ...target,
      hint: hintFor(target, builds),
    }));
    const unchangedTargets = candidates.filter((target) => !rewritten(target));
    const unchangedNames = new Set(unchangedTargets.map((target) => target.name));
    const unchanged = unchangedTargets.map((target) => ({
      ...target,
      hint: unchangedHint(target, unchangedNames),
    }));
    const phony = uniquePhony(located);
    const subMakes = trace.sessions
      .filter((session) => session.level > 0)
      .map((session) => ({
        directory: context.toProjectPath('.', session.directory ?? context.directory),
        makeLevel: session.level,
        hasWork: session.targets.some((index) => !located[index].phony),
        upToDate: session.upToDate,
      }));
    const settled =
      observed === undefined
        ? stale.length === 0
        : stale.length === 0 && observed.written.length === 0 && observed.exitCode === 0;
    if (observed?.stoppedAfterMs !== undefined)
      notes.push(
        `the real second make was stopped after ${Math.round(observed.stoppedAfterMs / 1000)} s, still writing (${observed.written.length} file(s) so far): the tree was far from built`,
      );
    else if (observed && observed.exitCode !== 0)
      notes.push(`the second make failed (exit ${observed.exitCode}): ${observed.error ?? ''}`.trim());
    else if (observed && observed.written.length > 0 && stale.length === 0)
      notes.push(`a second real make wrote files no target of make -n names: ${listed(observed.written)}`);
    if (settled) {
      notes.push(
        observed
          ? 'make -q said "stale", but a real second make (isolated) changed no file'
          : subMakes.length > 0
            ? 'make -q said "stale" only because of phony targets or recipe lines around $(MAKE); no sub-make has work'
            : 'make -q said "stale" only because of phony targets',
      );
    }
    return {
      ...base,
      verdict: settled ? 'converged' : 'not-converged',
      stale,
      phony,
      unchanged,
      ...(observed ? { observed } : {}),
      subMakes,
      seenThrough: settled,
    };
  });
}

function listed(files: WrittenFile[]): string {
  const names = files.slice(0, 5).map((file) => `${file.path} (${file.change})`);
  return files.length > 5 ? `${names.join(', ')} and ${files.length - 5} more` : names.join(', ');
}

/** Phony targets once each (make traces `all` in every sub-make that reaches it), sorted by name. */
function uniquePhony(located: LocatedTarget[]): LocatedTarget[] {
  const seen = new Map<string, LocatedTarget>();
  for (const target of located)
    if (target.phony && !seen.has(`${target.directory}\0${target.name}`))
      seen.set(`${target.directory}\0${target.name}`, target);
  return [...seen.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.directory.localeCompare(b.directory),
  );
}
