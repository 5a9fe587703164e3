// `makescope audit`: declared against observed dependencies; 0 clean, 1 a warning finding, 2 an error.
import * as path from 'node:path';
import { auditProbe } from '../../../engine/audit/auditProbe';
import { auditSarif } from '../../../engine/audit/auditSarif';
import type { CommandIO, CommandLine } from '../commandSpec';
import { progressLine } from '../progressLine';
import { count, flag, projectOptions, reportFormat } from '../options';
import { auditReport } from '../reports/auditReport';
import { createStyle } from '../reports/style';
import { jsonText } from '../reports/jsonText';

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const options = projectOptions(commandLine);
  const format = reportFormat(commandLine);
  const { stdout } = io;
  const progress = progressLine(io);
  const result = await auditProbe({
    directory: path.resolve(options.directory),
    makefile: options.makefile,
    make: options.make,
    timeoutMs: options.timeoutMs,
    targets: commandLine.positionals,
    commandLineVariables: options.variables,
    verify: flag(commandLine, 'verify'),
    jobs: count(commandLine, 'jobs', 2),
    signal: io.signal,
    onProgress: progress.onProgress,
  });
  progress.done();
  if (format === 'json') stdout.write(jsonText(result, stdout));
  else if (format === 'sarif') stdout.write(jsonText(auditSarif(result), stdout));
  else stdout.write(auditReport(result, process.cwd(), createStyle(stdout.isTTY)));
  return result.findings.some((finding) => finding.severity === 'warning') ? 1 : 0;
}
