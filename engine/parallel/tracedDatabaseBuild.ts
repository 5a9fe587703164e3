// One recorded, isolated serial build that also prints make's database: what each target read and wrote, and what make declared.
import * as path from 'node:path';
import { ProbeError } from '../probes/probeOptions';
import { DatabaseParser, type MakeDatabase } from '../probes/parsers/databaseParser';
import { makeCommandLine, withBuildPlace, type BuildSettings } from './buildRun';
import type { AccessRecorder } from './accessRecorder';
import { detectTracer, recorderName, targetExportArgs, traceBuild } from './fileAccessTracer';
import type { TracingStatus } from './parallelTypes';
import type { AccessLog } from './straceAccessParser';
import { spokenLines } from '../probes/parsers/spokenLines';

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
      /** What recorded the accesses: strace, or the preloaded recorder. */
      tool: string;
    }
  | { ok: false; reason: string };

/** Where the build is recorded and what may record it again under strace. */
export interface TraceWith {
  recorder: AccessRecorder;
  /** The strace program for what the preloaded recorder cannot see (default: strace on PATH). */
  strace?: string;
  signal?: AbortSignal;
}

/** The programs, named, for a note: three at most. */
function named(programs: string[]): string {
  const shown = programs.slice(0, 3).map((program) => path.basename(program));
  return programs.length > 3 ? `${shown.join(', ')} and ${programs.length - 3} more` : shown.join(', ');
}

/**
 * Runs `make -j1 -p` recorded in a fresh isolated place (removed after). A program that ran without the preloaded
 * recorder (static or setuid, started with an emptied environment, a wrapper script given as make) leaves its accesses out: the build is then
 * recorded again under strace, which sees every process, or kept with a note where strace cannot run.
 */
export async function tracedDatabaseBuild(
  settings: BuildSettings,
  how: TraceWith,
): Promise<TracedDatabaseBuild> {
  const first = await recordedBuild(settings, how.recorder);
  if (!first.ok || first.unrecorded.length === 0) return first;
  const count = first.unrecorded.length;
  const why = `${count === 1 ? 'a program' : `${count} programs`} ran without the preloaded recorder (${named(first.unrecorded)}: static or setuid, started with an emptied environment, or a wrapper around make)`;
  const tracer = await detectTracer(how.signal, how.strace);
  if (!tracer.ok) {
    first.notes.push(
      `${why}: ${count === 1 ? 'its' : 'their'} file accesses are missing, and strace cannot see them here (${tracer.reason})`,
    );
    return first;
  }
  const again = await recordedBuild(settings, { kind: 'strace', tracer });
  if (again.ok) again.notes.unshift(`${why}: the build was traced again under strace`);
  return again;
}

async function recordedBuild(
  settings: BuildSettings,
  recorder: AccessRecorder,
): Promise<(TracedDatabaseBuild & { unrecorded: string[] }) | Extract<TracedDatabaseBuild, { ok: false }>> {
  return withBuildPlace(settings, async (place) => {
    // -p prints make's database after the build: the declared graph with implicit prerequisites resolved.
    const args = makeCommandLine(settings, ['-j1', '-p', ...targetExportArgs()]);
    const traced = await traceBuild({
      recorder,
      run: place.run,
      make: settings.make,
      makeArgs: args,
      cwd: place.directory,
      logFile: path.join(place.files, 'access.log'),
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
    if (exitCode !== 0)
      notes.push(`the traced serial build exited with ${exitCode}${failureWords(result.stdout)}`);
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
      tool: recorderName(recorder),
      unrecorded: traced.unrecorded ?? [],
    };
  });
}

/** The tracing status of a traced build, with its overhead over the untraced serial build. */
export function tracingStatus(build: TracedDatabaseBuild, serialMs: number): TracingStatus {
  if (!build.ok) return { state: 'unavailable', reason: build.reason };
  return {
    state: 'traced',
    tool: build.tool,
    wallMs: build.wallMs,
    overheadPercent: serialMs > 0 ? Math.round(((build.wallMs - serialMs) / serialMs) * 100) : 0,
    processes: build.access.processes,
  };
}

const MAKE_ERROR = /^\S*make(\[\d+\])?: \*\*\* /;
const DATABASE_START = '# make data base';

/**
 * Why the build failed, from its output (stderr merged, -p's database after it) as `: "…"`: make's first
 * `***` line, else the last line before the database (a wrapper's "not found"), else ''.
 */
function failureWords(output: string): string {
  const end = output.indexOf(DATABASE_START);
  const lines = spokenLines(end < 0 ? output : output.slice(0, end));
  const line =
    lines.find((text) => MAKE_ERROR.test(text) && !text.includes('Waiting for unfinished jobs')) ??
    lines.at(-1);
  return line === undefined ? '' : `: "${line.length > 300 ? `${line.slice(0, 300)}…` : line}"`;
}
