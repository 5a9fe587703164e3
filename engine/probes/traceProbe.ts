// Trace: `make -n --trace` (or a real run's --trace log) as a tree target -> reason -> prerequisites -> recipe.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { makeArgs, summarize, withMake, type PlacementSummary } from './makeRun';
import { ProbeError, type ProbeOptions } from './probeOptions';
import { parseTrace, TraceParser, type TraceResult } from './parsers/traceParser';
import {
  buildTraceTree,
  locateTargets,
  type FileCheck,
  type LocatedTarget,
  type TraceNode,
} from './traceModel';

export interface TraceReport {
  roots: TraceNode[];
  targets: LocatedTarget[];
  errors: string[];
  upToDate: string[];
  /** make's exit code (undefined when the trace came from a log file); not 0: make failed part-way. */
  exitCode?: number;
  /** Undefined when the trace came from a log file. */
  placement?: PlacementSummary;
  source: 'dry-run' | 'log';
}

/** The located targets and, when `tree`, the target -> prerequisite tree (the dry-run probe needs none). */
function report(
  trace: TraceResult,
  directory: string,
  toProjectPath: (file: string, base?: string) => string,
  { exists, tree = true }: { exists?: FileCheck; tree?: boolean } = {},
) {
  const targets = locateTargets(trace, directory, toProjectPath, exists);
  return {
    roots: tree ? buildTraceTree(trace, targets) : [],
    targets,
    errors: trace.sessions.flatMap((session) => session.errors),
    upToDate: trace.sessions.flatMap((session) => session.upToDate),
  };
}

/**
 * Runs `make -n --trace` (following sub-makes) and parses it. `tree`: the answer needs the
 * target -> prerequisite tree, whose edges come from make's database (-p); without it -p is added
 * only where --trace does not say which targets are phony (make < 4.4).
 */
async function dryRunTrace(options: ProbeOptions, tree: boolean) {
  return withMake(options, { runsGoals: true, expandsRecipes: true, builds: false }, async (context) => {
    const parser = new TraceParser();
    const extra = tree || !context.make.tracesPhony ? ['-n', '--trace', '-p'] : ['-n', '--trace'];
    const result = await context.run(makeArgs(options, extra), (chunk) => parser.push(chunk));
    const trace = parser.finish();
    if (result.exitCode !== 0 && trace.targets.length === 0) {
      throw new ProbeError(
        `make -n --trace failed (exit ${result.exitCode}): ${result.stderr.trim()}`,
        'make-failed',
      );
    }
    const errors = result.exitCode !== 0 ? [result.stderr.trim()] : [];
    const parsed = report(trace, context.directory, context.toProjectPath, {
      tree,
      exists: await context.fileCheck(),
    });
    return {
      ...parsed,
      errors: [...parsed.errors, ...errors],
      exitCode: result.exitCode ?? 2,
      placement: summarize(context),
      source: 'dry-run' as const,
    };
  });
}

/** Runs `make -n --trace -p` (following sub-makes) and parses it into the tree. */
export async function traceProbe(options: ProbeOptions): Promise<TraceReport> {
  return dryRunTrace(options, true);
}

/** The traced targets of a dry run, without the tree (the dry-run probe's needs). */
export async function traceTargets(options: ProbeOptions): Promise<Omit<TraceReport, 'roots'>> {
  return dryRunTrace(options, false);
}

/** Parses the log of a real run made with --trace; paths are relative to `directory`. */
export async function traceLogProbe(logFile: string, directory: string): Promise<TraceReport> {
  const text = await readFile(logFile, 'utf8');
  const root = path.resolve(directory);
  return {
    ...report(parseTrace(text), root, (file, base = root) => path.resolve(base, file), {}),
    source: 'log',
  };
}
