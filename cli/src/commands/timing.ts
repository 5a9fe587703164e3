// `makescope timing`: reading time, make -n time and (--build) an isolated build's time.
import { timingProbe } from '../../../engine/probes/timingProbe';
import { probeArgs } from '../args';
import type { CommandIO, CommandLine } from '../commandSpec';
import { timingReport } from '../reports/timingReport';
import { failed, printOutcome, probeOptions, probeStyle } from './probeOutput';

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const args = probeArgs(commandLine);
  const result = await timingProbe({ ...probeOptions(args, io.signal), build: args.build });
  return printOutcome(args, io, {
    text: () => timingReport(result, probeStyle(args, io)),
    json: result,
    exitCode: failed(result.readOnlyExitCode) ? 2 : 0,
  });
}
