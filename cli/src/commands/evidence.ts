// `makescope evidence`: the evidence ladder, written to a folder, printed as md, json or sarif.
import * as path from 'node:path';
import { collectEvidenceToFolder } from '../../../engine/evidence/evidenceFolder';
import type { CommandIO, CommandLine } from '../commandSpec';
import { checkTargets, count, flag, projectOptions, text, UsageError } from '../options';

export function evidenceArgs(commandLine: CommandLine) {
  const format = text(commandLine, 'format') ?? 'md';
  if (format !== 'md' && format !== 'json' && format !== 'sarif')
    throw new UsageError(`--format takes md, json or sarif, got '${format}'`);
  checkTargets(commandLine.positionals);
  return {
    ...projectOptions(commandLine),
    jobs: count(commandLine, 'jobs'),
    symptom: text(commandLine, 'symptom'),
    out: text(commandLine, 'out'),
    format: format as 'md' | 'json' | 'sarif',
    runs: count(commandLine, 'runs'),
    build: !flag(commandLine, 'no-build'),
    timeline: flag(commandLine, 'timeline'),
    audit: flag(commandLine, 'audit'),
    targets: commandLine.positionals,
  };
}

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const args = evidenceArgs(commandLine);
  const folder = await collectEvidenceToFolder({
    directory: path.resolve(args.directory),
    makefile: args.makefile,
    make: args.make,
    jobs: args.jobs,
    targets: args.targets,
    symptom: args.symptom,
    outputDirectory: args.out,
    runs: args.runs,
    skipBuilds: !args.build,
    timeline: args.timeline,
    audit: args.audit,
    timeoutMs: args.timeoutMs,
    commandLineVariables: args.variables,
    signal: io.signal,
    onProgress: (message) => void io.stderr.write(`makescope: ${message}\n`),
  });
  const printed = { json: `${folder.json}\n`, sarif: `${folder.sarif}\n`, md: folder.markdown };
  io.stdout.write(printed[args.format]);
  io.stderr.write(`makescope: evidence written to ${folder.outputDirectory}\n`);
  return folder.report.verdict.kind === 'healthy' ? 0 : 1;
}
