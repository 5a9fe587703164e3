// `makescope parallel-diff`: serial against parallel builds (and traced races); 0 clean, 1 finding, 2 error.
import * as path from 'node:path';
import { parallelDiffProbe, type ShuffleMode } from '../../../engine/parallel/parallelDiffProbe';
import type { CommandIO, CommandLine } from '../commandSpec';
import { progressLine } from '../progressLine';
import { count, flag, projectOptions, text, wholeNumber } from '../options';
import { parallelDiffReport } from '../reports/parallelDiffReport';
import { createStyle } from '../reports/style';
import { jsonText } from '../reports/jsonText';

export function parallelDiffArgs(commandLine: CommandLine) {
  const shuffleText = text(commandLine, 'shuffle');
  const shuffle: ShuffleMode | undefined =
    shuffleText === undefined || shuffleText === 'random' || shuffleText === 'reverse'
      ? shuffleText
      : { seed: wholeNumber(commandLine.typed.shuffle ?? '--shuffle', shuffleText, 0) };
  const maxSandboxMb = count(commandLine, 'max-sandbox-mb');
  return {
    ...projectOptions(commandLine),
    jobs: count(commandLine, 'jobs', 2),
    runs: count(commandLine, 'runs', 0),
    shuffle,
    trace: !flag(commandLine, 'no-trace'),
    maxSandboxBytes: maxSandboxMb === undefined ? undefined : maxSandboxMb * 1048576,
    json: flag(commandLine, 'json'),
    targets: commandLine.positionals,
  };
}

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const args = parallelDiffArgs(commandLine);
  const { stdout } = io;
  const progress = progressLine(io);
  const result = await parallelDiffProbe({
    directory: path.resolve(args.directory),
    makefile: args.makefile,
    make: args.make,
    jobs: args.jobs,
    runs: args.runs,
    shuffle: args.shuffle,
    trace: args.trace,
    maxSandboxBytes: args.maxSandboxBytes,
    timeoutMs: args.timeoutMs,
    targets: args.targets,
    commandLineVariables: args.variables,
    signal: io.signal,
    onProgress: progress.onProgress,
  });
  progress.done();
  stdout.write(
    args.json
      ? jsonText(result, stdout)
      : parallelDiffReport(result, process.cwd(), createStyle(stdout.isTTY)),
  );
  if (result.verdict === 'serial-build-failed') return 2;
  return result.verdict === 'clean' ? 0 : 1;
}
