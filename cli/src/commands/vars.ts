// `makescope vars`: make's database (variables, --rules, --all), or the named variables expanded by make.
import { databaseProbe } from '../../../engine/probes/databaseProbe';
import { probeArgs } from '../args';
import type { CommandIO, CommandLine } from '../commandSpec';
import { selectedDatabase } from '../reports/databaseSelection';
import { databaseReport, resolveReport } from '../reports/varsReport';
import { printOutcome, probeOptions, probeStyle } from './probeOutput';

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const args = probeArgs(commandLine);
  const options = probeOptions(args, io.signal);
  const style = probeStyle(args, io);
  if (args.positional.length > 0) {
    // Loaded only to resolve names: it brings node:crypto (its markers' nonce), ~6 ms of every database run.
    const { resolveProbe } = await import('../../../engine/probes/resolveProbe');
    const result = await resolveProbe({
      ...options,
      targets: [],
      variables: args.positional,
      target: args.target,
    });
    return printOutcome(args, io, { text: () => resolveReport(result, style), json: result, exitCode: 0 });
  }
  const result = await databaseProbe({ ...options, targets: args.target ? [args.target] : [] });
  const shown = { all: args.all, rules: args.rules };
  return printOutcome(args, io, {
    text: () => databaseReport(result, shown, style),
    json: selectedDatabase(result, shown),
    exitCode: 0,
  });
}
