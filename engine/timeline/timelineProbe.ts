// One traced build of a project in a throw-away copy, read back as a timeline.
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { runProcess } from '../probes/exec';
import { LineSplitter } from '../probes/parsers/lineSplitter';
import { ProbeError } from '../probes/probeOptions';
import { withSandbox } from '../probes/sandbox';
import { withScratch } from '../probes/scratchFolders';
import { coverage, criticalPath, spanSeconds } from './criticalPath';
import { spanExportArgs } from './spanEnvironment';
import { StraceTimelineParser } from './straceTimelineParser';
import type { Timeline } from './timelineTypes';

export interface TimelineOptions {
  directory: string;
  make: string;
  strace: string;
  jobs: number;
  targets?: string[];
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface TimelineResult {
  timeline: Timeline;
  exitCode: number;
  output: string;
}

const TRACE_ARGS = ['-f', '-ttt', '-qq', '-v', '-s', '4096', '-e', 'signal=none'];
const TRACE_CALLS = '-e trace=execve,clone,?clone3,?fork,?vfork,exit_group'.split(' ');

async function readTimeline(log: string): Promise<Timeline> {
  const parser = new StraceTimelineParser();
  const splitter = new LineSplitter((line) => parser.line(line));
  for await (const chunk of createReadStream(log, { encoding: 'utf8' })) splitter.push(chunk as string);
  splitter.finish();
  const parsed = parser.finish();
  const wallSeconds = parsed.last - parsed.first;
  const chain = criticalPath(parsed.spans);
  return {
    wallSeconds,
    spans: parsed.spans,
    criticalPath: chain,
    criticalSeconds: spanSeconds(chain),
    coverage: coverage(parsed.spans, wallSeconds),
  };
}

/** Builds the project in a fresh copy under strace and reads the spans back; the project is not touched. */
export async function traceTimeline(options: TimelineOptions): Promise<TimelineResult> {
  return withScratch('timeline', (scratch) =>
    withSandbox(options.directory, async (sandbox) => {
      const log = path.join(scratch, 'trace.log');
      const targets = options.targets ?? [];
      const result = await runProcess({
        file: options.strace,
        args: [
          ...TRACE_ARGS,
          ...TRACE_CALLS,
          '-o',
          log,
          options.make,
          `-j${options.jobs}`,
          ...spanExportArgs(),
          ...(targets.length > 0 ? ['--', ...targets] : []),
        ],
        cwd: sandbox.directory,
        timeoutMs: options.timeoutMs ?? 30 * 60_000,
        maxOutputBytes: 64 * 1024 * 1024,
        signal: options.signal,
      });
      if (result.outcome === 'spawn-error')
        throw new ProbeError(
          `${options.strace} did not start (Debian/Ubuntu: apt-get install strace)`,
          'make-missing',
        );
      if (result.outcome !== 'exited')
        throw new ProbeError(`the traced build ${result.message ?? result.outcome}`, result.outcome);
      return {
        timeline: await readTimeline(log),
        exitCode: result.exitCode ?? 2,
        output: result.stdout + result.stderr,
      };
    }),
  );
}
