// Luck-free race detection: a traced serial build (isolated), make's database, and the unordered accesses.
import * as path from 'node:path';
import { ProbeError } from '../probes/probeOptions';
import { DatabaseParser } from '../probes/parsers/databaseParser';
import { makeCommandLine, withBuildPlace, type BuildSettings } from './buildRun';
import { targetExportArgs, traceBuild, type TracerStatus } from './fileAccessTracer';
import { declaredGraph, findRaces } from './missingPrerequisites';
import type { ParallelFinding, TracingStatus } from './parallelTypes';
import { locateFindings, RuleLocator } from './ruleLocator';

export interface RaceDetection {
  findings: ParallelFinding[];
  tracing: TracingStatus;
  notes: string[];
}

/** Runs the traced build; `serialMs` (the untraced serial build) gives the tracing overhead. */
export async function detectRaces(
  settings: BuildSettings,
  tracer: Extract<TracerStatus, { ok: true }>,
  serialMs: number,
): Promise<RaceDetection> {
  return withBuildPlace(settings, async (place) => {
    // -p prints make's database after the build: the declared graph with implicit prerequisites resolved.
    const args = makeCommandLine(settings, ['-j1', '-p', ...targetExportArgs()]);
    const traced = await traceBuild({
      tracer,
      run: place.run,
      make: settings.make,
      makeArgs: args,
      cwd: place.directory,
      logFile: path.join(place.files, 'strace.log'),
      maxLogBytes: 1024 * 1024 * 1024,
    });
    const { result } = traced;
    if (result.outcome === 'cancelled' || result.outcome === 'timeout')
      throw new ProbeError(`traced build: ${result.message ?? result.outcome}`, result.outcome);
    if (result.outcome !== 'exited' || !traced.access) {
      const reason = traced.problem ?? result.message ?? result.outcome;
      return {
        findings: [],
        tracing: { state: 'unavailable', reason },
        notes: [`tracing failed: ${reason}`],
      };
    }
    const parser = new DatabaseParser({ keep: 'last' });
    parser.push(result.stdout);
    const database = parser.finish();
    const notes: string[] = [];
    if (result.exitCode !== 0) notes.push(`the traced serial build exited with ${result.exitCode}`);
    if (traced.access.unattributedProcesses > 0)
      notes.push(`${traced.access.unattributedProcesses} traced processes could not be tied to a target`);
    const recipes = new Map<string, { file: string; line: number }>();
    for (const file of database.files) {
      if (file.recipe?.file !== undefined && file.recipe.line !== undefined && !recipes.has(file.name))
        recipes.set(file.name, {
          file: place.toOriginal(path.resolve(place.directory, file.recipe.file)),
          line: file.recipe.line,
        });
    }
    const races = findRaces(traced.access.targets, declaredGraph(database.files));
    // Rules are read from the project, never from a copy, so file:line points at the user's makefile.
    const findings = await locateFindings(races, new RuleLocator(settings.directory, recipes));
    const wallMs = Math.round(result.durationMs);
    return {
      findings,
      tracing: {
        state: 'traced',
        tool: 'strace',
        wallMs,
        overheadPercent: serialMs > 0 ? Math.round(((wallMs - serialMs) / serialMs) * 100) : 0,
        processes: traced.access.processes,
      },
      notes,
    };
  });
}
