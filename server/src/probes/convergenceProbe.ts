// Convergence: `make -q`, and when stale, `make -n --trace` to name what would rebuild and why.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { UpperLayer } from './isolation/upperLayer';
import { makeArgs, summarize, withMake, type PlacementSummary, type RunContext } from './makeRun';
import { ProbeError, type ProbeOptions } from './probeOptions';
import { TraceParser, type TraceResult } from './parsers/traceParser';
import { locateTargets, type LocatedTarget } from './traceModel';

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
  subMakes: SubMakeSummary[];
  /** True when -q said "stale" but only phony targets or recipe lines around $(MAKE) had work. */
  seenThrough: boolean;
  builtFirst: boolean;
  placement: PlacementSummary;
  notes: string[];
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
        ? `still older than ${target.reason.prerequisites.join(' ')} right after a build: a recipe gives the target an old timestamp or touches a prerequisite, or clocks disagree`
        : `older than ${target.reason.prerequisites.join(' ')}`;
    case 'forced':
      return `forced: depends on ${target.reason.prerequisites.join(' ')}, which never exists, so it rebuilds on every run`;
    default:
      return `make gives "${target.reason.text}"`;
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

async function traceRun(context: RunContext, options: ProbeOptions): Promise<TraceResult> {
  const parser = new TraceParser();
  // Before 4.4 --trace does not say a target is phony; the database (-p) does.
  const extra = context.make.tracesPhony ? ['-n', '--trace'] : ['-n', '--trace', '-p'];
  const result = await context.run(makeArgs(options, extra), (chunk) => parser.push(chunk));
  const trace = parser.finish();
  if (result.exitCode !== 0) {
    throw new ProbeError(
      `make -n --trace failed (exit ${result.exitCode}): ${result.stderr.trim()}`,
      'make-failed',
    );
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
      return { ...base, verdict: 'converged', stale: [], phony: [], subMakes: [], seenThrough: false };
    }
    if (question.exitCode !== 1 && question.exitCode !== 0) {
      throw new ProbeError(
        `make -q failed (exit ${question.exitCode}): ${question.stderr.trim()}`,
        'make-failed',
      );
    }
    options.onProgress?.('make -n --trace');
    const trace = await traceRun(context, options);
    const located = locateTargets(trace, context.directory, context.toProjectPath, await context.fileCheck());
    const stale = [...remade, ...located.filter((target) => !target.phony)].map((target) => ({
      ...target,
      hint: hintFor(target, builds),
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
    const seenThrough = stale.length === 0;
    if (seenThrough) {
      notes.push(
        subMakes.length > 0
          ? 'make -q said "stale" only because of phony targets or recipe lines around $(MAKE); no sub-make has work'
          : 'make -q said "stale" only because of phony targets',
      );
    }
    return {
      ...base,
      verdict: seenThrough ? 'converged' : 'not-converged',
      stale,
      phony,
      subMakes,
      seenThrough,
    };
  });
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
