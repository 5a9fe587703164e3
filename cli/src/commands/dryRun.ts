// `makescope dry-run`: what make -n would run, grouped by target, following sub-makes.
import * as path from 'node:path';
import { dryRunProbe } from '../../../engine/probes/dryRunProbe';
import { probeArgs } from '../args';
import type { CommandIO, CommandLine } from '../commandSpec';
import { dryRunReport } from '../reports/dryRunReport';
import { failed, printOutcome, probeOptions, probeStyle } from './probeOutput';

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const args = probeArgs(commandLine);
  const result = await dryRunProbe(probeOptions(args, io.signal));
  return printOutcome(args, io, {
    text: () => dryRunReport(result, path.resolve(args.directory), probeStyle(args, io)),
    json: result,
    exitCode: failed(result.exitCode) ? 2 : result.groups.some((g) => !g.phony) ? 1 : 0,
  });
}
