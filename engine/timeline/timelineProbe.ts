// The build timeline: one traced `make -jN -p` in an isolated place, read back as spans on the graph make declared.
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { withPreparedBuilds } from '../parallel/buildSettings';
import { makeCommandLine, withBuildPlace } from '../parallel/buildRun';
import { detectTracer } from '../parallel/fileAccessTracer';
import { LineSplitter } from '../probes/parsers/lineSplitter';
import { ProbeError, type ProbeOptions } from '../probes/probeOptions';
import { coverage, criticalPath, speedups, workSpans } from './criticalPath';
import { makeDatabases, makeKey, type MakeGraph } from './makeDatabases';
import { assignLanes, averageParallelism, idleSlotSeconds, parallelismSteps } from './parallelism';
import { SPAN_ENV, spanExportArgs } from './spanEnvironment';
import { containerSpans } from './spanNesting';
import { StraceTimelineParser, type ParsedTimeline } from './straceTimelineParser';
import type { ReadSpan, Timeline } from './timelineTypes';

export interface TimelineOptions extends ProbeOptions {
  /** The strace program (default: strace on PATH). */
  strace?: string;
  maxSandboxBytes?: number;
}

export interface TimelineResult {
  directory: string;
  targets: string[];
  make: { path: string; version: string };
  command: string[];
  timeline: Timeline;
  exitCode: number;
  /** make's output without the databases it printed. */
  output: string;
  notes: string[];
}

const TRACE_ARGS = ['-f', '-ttt', '-qq', '-v', '-s', '4096', '-e', 'signal=none'];
// getcwd: each make's CURDIR, to tie its read to its database (a few calls per compile, unlike openat).
const TRACE_CALLS = ['-e', 'trace=execve,clone,?clone3,?fork,?vfork,exit_group,getcwd'];

async function readSpans(log: string, make: string): Promise<ParsedTimeline> {
  const parser = new StraceTimelineParser([...new Set(['make', 'gmake', path.basename(make)])]);
  const splitter = new LineSplitter((line) => parser.line(line));
  for await (const chunk of createReadStream(log, { encoding: 'utf8' })) splitter.push(chunk as string);
  splitter.finish();
  return parser.finish();
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
  const path = criticalPath(parsed.spans, graphs);
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
    speedups: speedups(parsed.spans, graphs, path),
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

/** Builds the project once under strace (isolated, or in a copy) and reads its timeline; the project is not touched. */
export async function timelineProbe(options: TimelineOptions): Promise<TimelineResult> {
  return withPreparedBuilds(options, 'timeline', async ({ settings, make }) => {
    const tracer = await detectTracer(options.signal, options.strace);
    if (!tracer.ok) throw new ProbeError(`the timeline needs a traced build: ${tracer.reason}`, 'refused');
    const jobs = options.jobs ?? 2;
    options.onProgress?.(`traced build (strace) with make -j${jobs} -p`);
    return withBuildPlace(settings, async (place) => {
      const log = path.join(place.files, 'timeline.log');
      // -p travels to sub-makes: every make prints the graph it declared when it finishes.
      const makeArgs = makeCommandLine(settings, [`-j${jobs}`, '-p', ...spanExportArgs()]);
      const result = await place.run({
        file: tracer.strace,
        args: [
          ...TRACE_ARGS,
          ...(tracer.seccomp ? ['--seccomp-bpf'] : []),
          ...TRACE_CALLS,
          '-o',
          log,
          settings.make,
          ...makeArgs,
        ],
        // An empty value in make's own environment: only recipes name a span.
        env: { ...settings.environment, [SPAN_ENV]: '' },
        makeFlags: settings.makeFlags,
      });
      if (result.outcome === 'spawn-error')
        throw new ProbeError(result.message ?? `${tracer.strace} did not start`, 'make-missing');
      if (result.outcome !== 'exited')
        throw new ProbeError(`the traced build: ${result.message ?? result.outcome}`, result.outcome);
      const parsed = await readSpans(log, settings.make);
      const original = (span: { directory: string }) => place.toOriginal(span.directory);
      for (const span of parsed.spans) span.directory = original(span);
      for (const read of parsed.reads)
        if (read.directory !== undefined) read.directory = place.toOriginal(read.directory);
      const { graphs, log: output } = makeDatabases(result.stdout);
      const inProject = new Map<string, MakeGraph>();
      for (const [key, graph] of graphs) {
        const bar = key.indexOf('|');
        for (const where of graph.recipes.values()) where.file = place.toOriginal(where.file);
        inProject.set(`${key.slice(0, bar)}|${place.toOriginal(key.slice(bar + 1))}`, graph);
      }
      const exitCode = result.exitCode ?? 2;
      const notes: string[] = [];
      if (exitCode !== 0)
        notes.push(`the traced build exited with ${exitCode}: the timeline ends at the failure`);
      if (graphs.size === 0)
        notes.push('make printed no database: the critical path follows the observed order');
      return {
        directory: settings.directory,
        targets: settings.targets,
        make: { path: make.path, version: make.version.text },
        command: [settings.make, ...makeArgs],
        timeline: buildTimeline(parsed, inProject, jobs),
        exitCode,
        output,
        notes,
      };
    });
  });
}
