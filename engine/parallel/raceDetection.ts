// Luck-free race detection: a traced serial build (isolated), make's database, and the unordered accesses.
import { declaredGraph, findRaces } from './missingPrerequisites';
import type { ParallelFinding, TracingStatus } from './parallelTypes';
import type { BuildSettings } from './buildRun';
import { locateFindings, RuleLocator } from './ruleLocator';
import { tracedDatabaseBuild, tracingStatus, type TraceWith } from './tracedDatabaseBuild';

export interface RaceDetection {
  findings: ParallelFinding[];
  tracing: TracingStatus;
  notes: string[];
}

/** Runs the traced build; `serialMs` (the untraced serial build) gives the tracing overhead. */
export async function detectRaces(
  settings: BuildSettings,
  how: TraceWith,
  serialMs: number,
): Promise<RaceDetection> {
  const build = await tracedDatabaseBuild(settings, how);
  if (!build.ok)
    return {
      findings: [],
      tracing: tracingStatus(build, serialMs),
      notes: [`tracing failed: ${build.reason}`],
    };
  const races = findRaces(build.access.targets, declaredGraph(build.database.files));
  // Rules are read from the project, never from a copy, so file:line points at the user's makefile.
  const findings = await locateFindings(races, new RuleLocator(settings.directory, build.recipes));
  return { findings, tracing: tracingStatus(build, serialMs), notes: build.notes };
}
