// What every probe command shares: the probe options from the arguments, and printing text or JSON.
import * as path from 'node:path';
import type { ProbeOptions } from '../../../engine/probes/probeOptions';
import type { CliArgs } from '../args';
import type { CommandIO } from '../commandSpec';
import { createStyle, type Style } from '../reports/style';
import { jsonText } from '../reports/jsonText';

export function probeOptions(args: CliArgs, signal: AbortSignal | undefined): ProbeOptions {
  return {
    directory: path.resolve(args.directory),
    makefile: args.makefile,
    make: args.make,
    jobs: args.jobs,
    targets: args.positional,
    sandbox: args.sandbox,
    timeoutMs: args.timeoutMs,
    commandLineVariables: args.variables,
    signal,
  };
}

export function probeStyle(args: CliArgs, io: CommandIO): Style {
  return createStyle(io.stdout.isTTY, args.verbose);
}

/**
 * Prints the report (or the result as JSON with --json) and returns the exit code. The report is made
 * only when it is printed: a large database's text costs tens of milliseconds that --json never shows.
 */
export function printOutcome(
  args: CliArgs,
  io: CommandIO,
  outcome: { text: () => string; json: unknown; exitCode: number },
): number {
  io.stdout.write(args.json ? jsonText(outcome.json, io.stdout) : outcome.text());
  return outcome.exitCode;
}

export const failed = (exitCode: number | undefined): boolean => exitCode !== undefined && exitCode !== 0;
