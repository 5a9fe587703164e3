// The timeline's ways to record one `make -jN -p` build in its place: make's own jobs through the preloaded library
// (the default where it can be built), through the recipes' shell (no compiler), or under strace (every process
// of a recipe, with its pid).
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import type { BuildPlace, BuildSettings } from '../parallel/buildRun';
import { makeCommandLine } from '../parallel/buildRun';
import type { TracerStatus } from '../parallel/fileAccessTracer';
import type { ExecResult } from '../probes/exec';
import { LineSplitter } from '../probes/parsers/lineSplitter';
import { ProbeError } from '../probes/probeOptions';
import { executablePath, preloadVariable } from '../parallel/preload/preloadLibrary';
import { fromJobReports } from './jobReports';
import { startRecipeRecorder } from './recipeRecorder';
import { parseRecordedTimeline } from './recordedTimelineParser';
import { probeNow } from './reportClock';
import { SPAN_ENV, spanExportArgs } from './spanEnvironment';
import { StraceTimelineParser } from './straceTimelineParser';
import type { ParsedTimeline } from './timelineTypes';

export interface Recording {
  result: ExecResult;
  parsed: ParsedTimeline;
  /** make's argument list, without the recorder's own (paths in the probe's scratch folder, not the user's). */
  makeArgs: string[];
  /** The recipe recorder's script, when the build was recorded through the recipes' shell. */
  recorderScript?: string;
}

/** make's arguments for a recorded build: -p travels to sub-makes, so every make prints the graph it declared. */
function recordedArgs(settings: BuildSettings, jobs: number, extra: string[]): string[] {
  return makeCommandLine(settings, [`-j${jobs}`, '-p', ...spanExportArgs(), ...extra]);
}

function checkFinished(result: ExecResult, program: string): void {
  if (result.outcome === 'spawn-error')
    throw new ProbeError(result.message ?? `${program} did not start`, 'make-missing');
  if (result.outcome !== 'exited')
    throw new ProbeError(`the recorded build: ${result.message ?? result.outcome}`, result.outcome);
}

/** Every recipe line reports its start and end through the recipe's own shell. */
export async function recordThroughShell(
  place: BuildPlace,
  settings: BuildSettings,
  jobs: number,
): Promise<Recording> {
  const recorder = await startRecipeRecorder(place.files);
  try {
    const result = await place.run({
      file: settings.make,
      args: recordedArgs(settings, jobs, recorder.makeArgs),
      // An empty value in make's own environment: only recipes name a span.
      env: { ...settings.environment, [SPAN_ENV]: '' },
      makeFlags: settings.makeFlags,
    });
    const end = probeNow();
    checkFinished(result, settings.make);
    const parsed = parseRecordedTimeline(recorder.finish(), end);
    return {
      result,
      parsed,
      makeArgs: recordedArgs(settings, jobs, []),
      recorderScript: recorder.script,
    };
  } finally {
    recorder.dispose();
  }
}

/**
 * make reports its own jobs through the preloaded library, as it starts and reaps each (no shell around a line,
 * no process of ours); `coverage` says whether every make that started loaded it.
 */
export async function recordThroughJobs(
  place: BuildPlace,
  settings: BuildSettings,
  jobs: number,
  library: string,
): Promise<Recording & { everyMake: boolean }> {
  const recorder = await startRecipeRecorder(place.files, false);
  try {
    const result = await place.run({
      file: settings.make,
      args: recordedArgs(settings, jobs, recorder.makeArgs),
      env: {
        ...settings.environment,
        [SPAN_ENV]: '',
        LD_PRELOAD: preloadVariable(library),
        MAKESCOPE_SPAN_LOG: recorder.reports,
        MAKESCOPE_SPAN_MAKE: await executablePath(settings.make),
      },
      makeFlags: settings.makeFlags,
    });
    const end = probeNow();
    checkFinished(result, settings.make);
    const reports = fromJobReports(recorder.finish());
    return {
      result,
      parsed: parseRecordedTimeline(reports.lines, end),
      makeArgs: recordedArgs(settings, jobs, []),
      everyMake: reports.makesRecorded >= reports.makesStarted,
    };
  } finally {
    recorder.dispose();
  }
}

const TRACE_ARGS = ['-f', '-ttt', '-qq', '-v', '-s', '4096', '-e', 'signal=none'];
// getcwd: each make's CURDIR, to tie its read to its database (a few calls per compile, unlike openat).
const TRACE_CALLS = ['-e', 'trace=execve,clone,?clone3,?fork,?vfork,exit_group,getcwd'];

async function readStraceLog(log: string, make: string): Promise<ParsedTimeline> {
  const parser = new StraceTimelineParser([...new Set(['make', 'gmake', path.basename(make)])]);
  const splitter = new LineSplitter((line) => parser.line(line));
  for await (const chunk of createReadStream(log, { encoding: 'utf8' })) splitter.push(chunk as string);
  splitter.finish();
  return parser.finish();
}

/** strace -f follows every process: each recipe's compiler, linker and sub-make, with its pid. */
export async function recordUnderStrace(
  place: BuildPlace,
  settings: BuildSettings,
  jobs: number,
  tracer: Extract<TracerStatus, { ok: true }>,
): Promise<Recording> {
  const log = path.join(place.files, 'timeline.log');
  const makeArgs = recordedArgs(settings, jobs, []);
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
    env: { ...settings.environment, [SPAN_ENV]: '' },
    makeFlags: settings.makeFlags,
  });
  checkFinished(result, tracer.strace);
  return { result, parsed: await readStraceLog(log, settings.make), makeArgs };
}
