// The build timeline: one recorded `make -jN -p` in an isolated place, read back as spans on the graph make declared.
import { withPreparedBuilds } from '../parallel/buildSettings';
import { withBuildPlace, type BuildPlace, type BuildSettings } from '../parallel/buildRun';
import { detectTracer, type TracerStatus } from '../parallel/fileAccessTracer';
import type { MakeCapabilities } from '../probes/capabilities';
import { ProbeError, type ProbeOptions } from '../probes/probeOptions';
import { coverage, criticalPath, speedups, workSpans } from './criticalPath';
import { makeDatabases, makeKey, type MakeGraph } from './makeDatabases';
import { assignLanes, averageParallelism, idleSlotSeconds, parallelismSteps } from './parallelism';
import { containerSpans } from './spanNesting';
import { unrecordable } from './recorderReach';
import { preloadLibrary } from '../parallel/preload/preloadLibrary';
import {
  recordThroughJobs,
  recordThroughShell,
  recordUnderStrace,
  type Recording,
} from './timelineRecording';
import type { ParsedTimeline, ReadSpan, Timeline } from './timelineTypes';

/** How the build's recipes are recorded (timelineRecording.ts). */
export type TimelineRecorder = 'jobs' | 'shell' | 'strace';

export interface TimelineOptions extends ProbeOptions {
  /**
   * 'jobs' (the default where a C compiler builds the preloaded library): make reports each job as it starts
   * and reaps it, whatever the recipe's shell; 'shell' (the default without one): each recipe line reports its
   * start and end through the recipe's own shell; 'strace': strace follows every process, so each span lists
   * its compiler's and linker's pids (slower). None of them stops a process at each call but strace.
   */
  recorder?: TimelineRecorder;
  /** The strace program (default: strace on PATH). */
  strace?: string;
  maxSandboxBytes?: number;
}

export interface TimelineResult {
  directory: string;
  targets: string[];
  make: { path: string; version: string };
  command: string[];
  /**
   * What recorded the build: a span's pids are the processes make started for its lines ('jobs'), its lines'
   * shells ('shell') or all its processes ('strace').
   */
  recorder: TimelineRecorder;
  timeline: Timeline;
  exitCode: number;
  /** make's output without the databases it printed. */
  output: string;
  notes: string[];
}

/** The spans and databases read into the timeline's figures. */
export function buildTimeline(
  parsed: ParsedTimeline,
  graphs: ReadonlyMap<string, MakeGraph>,
  jobs: number,
): Timeline {
  const wallSeconds = parsed.last - parsed.first;
  const containers = containerSpans(parsed.spans);
  const work = workSpans(parsed.spans, containers);
  const lanes = assignLanes(work);
  const path = criticalPath(parsed.spans, graphs, parsed.reads);
  const onPath = new Set(path.spans);
  const steps = parallelismSteps(work, wallSeconds);
  return {
    wallSeconds,
    jobs,
    // Field by field: `{ ...span, lane }` costs ~7 µs a span in Node 20 (0.7 s at 100,000 spans).
    spans: parsed.spans.map((span) => ({
      target: span.target,
      level: span.level,
      directory: span.directory,
      start: span.start,
      end: span.end,
      pids: span.pids,
      lane: lanes.get(span) ?? -1,
      container: containers.has(span),
      critical: onPath.has(span),
      rule: graphs.get(`${span.level}|${span.directory}`)?.recipes.get(span.target),
    })),
    criticalPath: path.spans,
    criticalSeconds: path.seconds,
    reads: readMakefiles(parsed.reads, graphs),
    criticalFrom: path.from,
    coverage: coverage([...parsed.spans, ...parsed.reads], wallSeconds),
    averageParallelism: averageParallelism(work, wallSeconds),
    parallelism: steps,
    idleSlotSeconds: idleSlotSeconds(steps, jobs),
    speedups: speedups(parsed.spans, graphs, path, parsed.reads),
  };
}

/**
 * A make prints its database once, at the end of its last run: its last read read that MAKEFILE_LIST. A read
 * it redid after remaking a makefile read the makefile it was given first; what else then is not known.
 */
function readMakefiles(reads: ReadSpan[], graphs: ReadonlyMap<string, MakeGraph>): ReadSpan[] {
  const last = new Map(reads.map((read) => [read.pid, read]));
  return reads.map((read) => {
    const known = read.directory === undefined ? undefined : graphs.get(makeKey(read.level, read.directory));
    const makefiles = known?.makefiles ?? [];
    return { ...read, makefiles: last.get(read.pid) === read ? makefiles : makefiles.slice(0, 1) };
  });
}

async function straceOrRefuse(
  options: TimelineOptions,
  why: string,
): Promise<Extract<TracerStatus, { ok: true }>> {
  const tracer = await detectTracer(options.signal, options.strace);
  if (!tracer.ok) throw new ProbeError(`${why}: ${tracer.reason}`, 'refused');
  return tracer;
}

/**
 * Builds the project once, recorded (isolated, or in a copy), and reads its timeline; the project is not touched.
 * A build the recipe recorder cannot record (unrecordable) is recorded again under strace.
 */
export async function timelineProbe(options: TimelineOptions): Promise<TimelineResult> {
  return withPreparedBuilds(options, 'timeline', async ({ settings, make }) => {
    const jobs = options.jobs ?? 2;
    const notes: string[] = [];
    /** Why the build is recorded under strace: asked for, or the recipe recorder could not record it. */
    let becauseOf = 'the timeline with --strace needs strace';
    const record = async (
      recorder: TimelineRecorder,
      library?: string,
    ): Promise<TimelineResult | undefined> => {
      const tracer = recorder === 'strace' ? await straceOrRefuse(options, becauseOf) : undefined;
      options.onProgress?.(`recorded build (${recorder}) with make -j${jobs} -p`);
      return withBuildPlace(settings, async (place) => {
        const recording = tracer
          ? await recordUnderStrace(place, settings, jobs, tracer)
          : library !== undefined
            ? await recordThroughJobs(place, settings, jobs, library)
            : await recordThroughShell(place, settings, jobs);
        if ('everyMake' in recording && !recording.everyMake) {
          notes.push(
            "a make ran without the preloaded library (static, or started with an emptied environment): the build was recorded again through the recipes' shell",
          );
          return undefined;
        }
        const { graphs, log: output } = makeDatabases(recording.result.stdout, recording.recorderScript);
        const why =
          recorder === 'shell' ? unrecordable(graphs, recording.parsed.ranRecipes ?? new Set()) : undefined;
        if (why !== undefined) {
          notes.push(`${why}: the build was recorded again, under strace`);
          becauseOf = `${why}: only strace can record this build`;
          return undefined;
        }
        const where = { place, settings, make, recorder, jobs, notes };
        return answer(where, recording, graphs, output);
      });
    };
    const asked = options.recorder ?? 'jobs';
    const library = asked === 'jobs' ? await preloadLibrary(options.signal) : undefined;
    if (library && !library.ok)
      notes.push(
        `the preloaded library cannot be used (${library.reason}): recorded through the recipes' shell`,
      );
    return (
      (library?.ok ? await record('jobs', library.library) : undefined) ??
      (asked !== 'strace' ? await record('shell') : undefined) ??
      (await record('strace'))!
    );
  });
}

interface RecordedIn {
  place: BuildPlace;
  settings: BuildSettings;
  make: MakeCapabilities;
  recorder: TimelineRecorder;
  jobs: number;
  notes: string[];
}

function answer(
  { place, settings, make, recorder, jobs, notes }: RecordedIn,
  { result, parsed, makeArgs }: Recording,
  graphs: Map<string, MakeGraph>,
  output: string,
): TimelineResult {
  for (const span of parsed.spans) span.directory = place.toOriginal(span.directory);
  for (const read of parsed.reads)
    if (read.directory !== undefined) read.directory = place.toOriginal(read.directory);
  const inProject = new Map<string, MakeGraph>();
  for (const [key, graph] of graphs) {
    const bar = key.indexOf('|');
    for (const where of graph.recipes.values()) where.file = place.toOriginal(where.file);
    inProject.set(`${key.slice(0, bar)}|${place.toOriginal(key.slice(bar + 1))}`, graph);
  }
  const exitCode = result.exitCode ?? 2;
  if (exitCode !== 0)
    notes.push(`the recorded build exited with ${exitCode}: the timeline ends at the failure`);
  if (graphs.size === 0) notes.push('make printed no database: the critical path follows the observed order');
  return {
    directory: settings.directory,
    targets: settings.targets,
    make: { path: make.path, version: make.version.text },
    command: [settings.make, ...makeArgs],
    recorder,
    timeline: buildTimeline(parsed, inProject, jobs),
    exitCode,
    output,
    notes,
  };
}
