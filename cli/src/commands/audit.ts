// `makescope audit`: declared against observed dependencies; 0 clean, 1 a warning finding, 2 an error.
import * as path from 'node:path';
import { auditProbe } from '../../../engine/audit/auditProbe';
import { auditSarif } from '../../../engine/audit/auditSarif';
import type { CommandIO, CommandLine } from '../commandSpec';
import { count, flag, projectOptions, text, UsageError } from '../options';
import { auditReport } from '../reports/auditReport';
import { createStyle } from '../reports/style';

type Format = 'text' | 'json' | 'sarif';

function formatOf(commandLine: CommandLine): Format {
  const format = text(commandLine, 'format') ?? (flag(commandLine, 'json') ? 'json' : 'text');
  if (format !== 'text' && format !== 'json' && format !== 'sarif')
    throw new UsageError(`--format takes text, json or sarif, got '${format}'`);
  return format;
}

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const options = projectOptions(commandLine);
  const format = formatOf(commandLine);
  const { stdout, stderr } = io;
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
    onProgress: stderr.isTTY ? (message) => stderr.write(`\r\u001b[K${message}`) : undefined,
  });
  if (stderr.isTTY) stderr.write('\r\u001b[K');
  if (format === 'json') stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (format === 'sarif') stdout.write(`${JSON.stringify(auditSarif(result), null, 2)}\n`);
  else stdout.write(auditReport(result, process.cwd(), createStyle(stdout.isTTY)));
  return result.findings.some((finding) => finding.severity === 'warning') ? 1 : 0;
}
