// One traced, isolated serial build that also prints make's database: what each target read and wrote, and what make declared.
import * as path from 'node:path';
import { ProbeError } from '../probes/probeOptions';
import { DatabaseParser, type MakeDatabase } from '../probes/parsers/databaseParser';
import { makeCommandLine, withBuildPlace, type BuildSettings } from './buildRun';
import { targetExportArgs, traceBuild, type TracerStatus } from './fileAccessTracer';
import type { TracingStatus } from './parallelTypes';
import type { AccessLog } from './straceAccessParser';

export type TracedDatabaseBuild =
  | {
      ok: true;
      access: AccessLog;
      database: MakeDatabase;
      /** Target -> where make says its recipe is, in the user's project (never a copy). */
      recipes: Map<string, { file: string; line: number }>;
      exitCode: number;
      wallMs: number;
      notes: string[];
    }
  | { ok: false; reason: string };

/** Runs `make -j1 -p` under strace in a fresh isolated place (removed after). */
export async function tracedDatabaseBuild(
  settings: BuildSettings,
  tracer: Extract<TracerStatus, { ok: true }>,
): Promise<TracedDatabaseBuild> {
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
    if (result.outcome !== 'exited' || !traced.access)
      return { ok: false, reason: traced.problem ?? result.message ?? result.outcome };
    const parser = new DatabaseParser({ keep: 'last' });
    parser.push(result.stdout);
    const database = parser.finish();
    const exitCode = result.exitCode ?? 2;
    const notes: string[] = [];
    if (exitCode !== 0) notes.push(`the traced serial build exited with ${exitCode}`);
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
    return {
      ok: true,
      access: traced.access,
      database,
      recipes,
      exitCode,
      wallMs: Math.round(result.durationMs),
      notes,
    };
  });
}

/** The tracing status of a traced build, with its overhead over the untraced serial build. */
export function tracingStatus(build: TracedDatabaseBuild, serialMs: number): TracingStatus {
  if (!build.ok) return { state: 'unavailable', reason: build.reason };
  return {
    state: 'traced',
    tool: 'strace',
    wallMs: build.wallMs,
    overheadPercent: serialMs > 0 ? Math.round(((build.wallMs - serialMs) / serialMs) * 100) : 0,
    processes: build.access.processes,
  };
}
