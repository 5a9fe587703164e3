// `makescope trace`: why each target would rebuild (make -n --trace), or a real run's --trace log (--log).
import * as path from 'node:path';
import { traceLogProbe, traceProbe } from '../../../engine/probes/traceProbe';
import { probeArgs } from '../args';
import type { CommandIO, CommandLine } from '../commandSpec';
import { traceReport } from '../reports/traceReport';
import { failed, printOutcome, probeOptions, probeStyle } from './probeOutput';

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const args = probeArgs(commandLine);
  const root = path.resolve(args.directory);
  const result = args.log
    ? await traceLogProbe(args.log, root)
    : await traceProbe(probeOptions(args, io.signal));
  return printOutcome(args, io, {
    text: () => traceReport(result, root, probeStyle(args, io)),
    json: result,
    exitCode: failed(result.exitCode) ? 2 : result.targets.some((t) => !t.phony) ? 1 : 0,
  });
}
