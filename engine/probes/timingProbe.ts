// Timing: is it parse time or recipe time? A read-only run timed against a full build in a sandbox.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { findOnPath } from './findOnPath';
import { makeArgs, summarize, withMake, type PlacementSummary, type RunContext } from './makeRun';
import { ProbeError, type ProbeOptions } from './probeOptions';
import { parseStraceCommands, type TimedCommand } from './parsers/straceParser';

export interface TimingResult {
  /** Reading the makefiles only (a goal with nothing to do). */
  parseMs: number;
  /** `make -n`: reading plus dependency resolution plus recipe expansion, nothing run. */
  readOnlyMs: number;
  /** `make -n`'s exit code: not 0 means make failed and the times are not the build's. */
  readOnlyExitCode: number;
  /** A full build in a sandbox copy; undefined when not asked for or refused. */
  buildMs?: number;
  buildExitCode?: number;
  /** Parse-time $(shell ...) calls, timed with strace when it is installed. */
  shellCalls: TimedCommand[];
  shellCallsMeasured: boolean;
  placement: PlacementSummary;
  buildPlacement?: PlacementSummary;
  notes: string[];
}

export interface TimingOptions extends ProbeOptions {
  /** Also time a full build (always in a sandbox copy). */
  build?: boolean;
}

const PARSE_GOAL = '.makescope-parse-only';

function parseOnlyArgs(options: ProbeOptions): string[] {
  return makeArgs({ ...options, jobs: undefined }, ['-q', `--eval=${PARSE_GOAL}:`], [PARSE_GOAL]);
}

async function timeShellCalls(
  context: RunContext,
  options: ProbeOptions,
): Promise<TimedCommand[] | undefined> {
  const strace = await findOnPath('strace');
  if (!strace) return undefined;
  // The log lives where strace can write it at the same path, isolated or not; removed with the probe.
  const log = path.join(await context.scratchFolder(), 'strace.log');
  const args = ['-f', '-q', '-ttt', '-s', '4096', '-e', 'trace=execve', '-e', 'signal=none', '-o', log];
  try {
    await context.run(parseOnlyArgs(options), undefined, {
      wrapWith: [strace, ...args],
      maxOutputBytes: 16 * 1024 * 1024,
    });
  } catch (error) {
    if (error instanceof ProbeError && error.kind === 'cancelled') throw error;
    return undefined;
  }
  return parseStraceCommands(await readFile(log, 'utf8'));
}

export async function timingProbe(options: TimingOptions): Promise<TimingResult> {
  const notes: string[] = [];
  const readOnly = await withMake(
    options,
    { runsGoals: true, expandsRecipes: true, builds: false },
    async (context) => {
      options.onProgress?.('timing the read-only runs');
      const parse = await context.run(parseOnlyArgs(options));
      const dryRun = await context.run(makeArgs(options, ['-n']));
      if (dryRun.exitCode !== 0)
        notes.push(`make -n exited with ${dryRun.exitCode}: ${dryRun.stderr.trim()}`);
      const shellCalls = await timeShellCalls(context, options);
      if (!shellCalls) notes.push('parse-time $(shell ...) calls not timed: strace is not installed');
      return {
        parseMs: parse.durationMs,
        readOnlyMs: dryRun.durationMs,
        readOnlyExitCode: dryRun.exitCode ?? 2,
        shellCalls: shellCalls ?? [],
        shellCallsMeasured: shellCalls !== undefined,
        placement: summarize(context),
      };
    },
  );
  if (!options.build) return { ...readOnly, notes };
  try {
    const build = await withMake(
      options,
      { runsGoals: true, expandsRecipes: true, builds: true },
      async (context) => {
        options.onProgress?.('timing a full build (isolated)');
        const result = await context.run(makeArgs(options, []));
        if (result.exitCode !== 0)
          notes.push(`the build failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
        return {
          buildMs: result.durationMs,
          buildExitCode: result.exitCode ?? 2,
          buildPlacement: summarize(context),
        };
      },
    );
    return { ...readOnly, ...build, notes };
  } catch (error) {
    if (error instanceof ProbeError && error.kind === 'refused') {
      notes.push(`build not timed: ${error.message}`);
      return { ...readOnly, notes };
    }
    throw error;
  }
}
