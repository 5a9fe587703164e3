// Runs one probe for the CLI and turns its result into text (or JSON) and an exit code.
import * as path from 'node:path';
import { convergenceProbe } from '../../engine/probes/convergenceProbe';
import { databaseProbe } from '../../engine/probes/databaseProbe';
import { dryRunProbe } from '../../engine/probes/dryRunProbe';
import type { ProbeOptions } from '../../engine/probes/probeOptions';
import { resolveProbe } from '../../engine/probes/resolveProbe';
import { timingProbe } from '../../engine/probes/timingProbe';
import { traceLogProbe, traceProbe } from '../../engine/probes/traceProbe';
import type { CliArgs } from './args';
import { convergenceReport } from './reports/convergenceReport';
import { dryRunReport } from './reports/dryRunReport';
import { createStyle } from './reports/style';
import { timingReport } from './reports/timingReport';
import { traceReport } from './reports/traceReport';
import { databaseReport, resolveReport } from './reports/varsReport';

export interface CommandOutcome {
  text: string;
  json: unknown;
  /** 0 nothing to report, 1 a finding, 2 make failed (its error comes first in the text). */
  exitCode: 0 | 1 | 2;
}

const failed = (exitCode: number | undefined): boolean => exitCode !== undefined && exitCode !== 0;

export async function runCommand(
  args: CliArgs,
  signal: AbortSignal | undefined,
  isTTY: boolean | undefined,
): Promise<CommandOutcome> {
  const style = createStyle(isTTY, args.verbose);
  const root = path.resolve(args.directory);
  const options: ProbeOptions = {
    directory: root,
    makefile: args.makefile,
    make: args.make,
    jobs: args.jobs,
    targets: args.positional,
    sandbox: args.sandbox,
    timeoutMs: args.timeoutMs,
    commandLineVariables: args.variables,
    signal,
  };
  switch (args.command) {
    case 'convergence': {
      const result = await convergenceProbe({ ...options, buildFirst: args.buildFirst });
      return {
        text: convergenceReport(result, root, style),
        json: result,
        exitCode: result.verdict === 'converged' ? 0 : 1,
      };
    }
    case 'trace': {
      const result = args.log ? await traceLogProbe(args.log, root) : await traceProbe(options);
      return {
        text: traceReport(result, root, style),
        json: result,
        exitCode: failed(result.exitCode) ? 2 : result.targets.some((t) => !t.phony) ? 1 : 0,
      };
    }
    case 'dry-run': {
      const result = await dryRunProbe(options);
      return {
        text: dryRunReport(result, root, style),
        json: result,
        exitCode: failed(result.exitCode) ? 2 : result.groups.some((g) => !g.phony) ? 1 : 0,
      };
    }
    case 'vars': {
      if (args.positional.length > 0) {
        const result = await resolveProbe({
          ...options,
          targets: [],
          variables: args.positional,
          target: args.target,
        });
        return { text: resolveReport(result, style), json: result, exitCode: 0 };
      }
      const result = await databaseProbe({ ...options, targets: args.target ? [args.target] : [] });
      return {
        text: databaseReport(result, { all: args.all, rules: args.rules }, style),
        json: result,
        exitCode: 0,
      };
    }
    case 'timing': {
      const result = await timingProbe({ ...options, build: args.build });
      return {
        text: timingReport(result, style),
        json: result,
        exitCode: failed(result.readOnlyExitCode) ? 2 : 0,
      };
    }
  }
}
