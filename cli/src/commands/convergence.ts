// `makescope convergence`: did the build settle (make -q, then why each stale target would rebuild).
import * as path from 'node:path';
import { convergenceProbe } from '../../../engine/probes/convergenceProbe';
import { probeArgs } from '../args';
import type { CommandIO, CommandLine } from '../commandSpec';
import { convergenceReport } from '../reports/convergenceReport';
import { printOutcome, probeOptions, probeStyle } from './probeOutput';

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const args = probeArgs(commandLine);
  const result = await convergenceProbe({ ...probeOptions(args, io.signal), buildFirst: args.buildFirst });
  return printOutcome(args, io, {
    text: () => convergenceReport(result, path.resolve(args.directory), probeStyle(args, io)),
    json: result,
    exitCode: result.verdict === 'converged' ? 0 : 1,
  });
}
