// `makescope timeline`: one recorded isolated build as spans, critical path and idle slots; --out writes a Chrome trace.
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { chromeTrace, traceTitle } from '../../../engine/timeline/chromeTrace';
import { timelineProbe } from '../../../engine/timeline/timelineProbe';
import type { CommandIO, CommandLine } from '../commandSpec';
import { progressLine } from '../progressLine';
import { count, flag, projectOptions, text } from '../options';
import { createStyle } from '../reports/style';
import { timelineReport } from '../reports/timelineReport';
import { jsonText } from '../reports/jsonText';

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const options = projectOptions(commandLine);
  const out = text(commandLine, 'out');
  const { stdout } = io;
  const progress = progressLine(io);
  const result = await timelineProbe({
    directory: path.resolve(options.directory),
    makefile: options.makefile,
    make: options.make,
    timeoutMs: options.timeoutMs,
    targets: commandLine.positionals,
    commandLineVariables: options.variables,
    jobs: count(commandLine, 'jobs', 2),
    recorder: flag(commandLine, 'strace') ? 'strace' : undefined,
    signal: io.signal,
    onProgress: progress.onProgress,
  });
  progress.done();
  const traceFile = out === undefined ? undefined : path.resolve(out);
  if (traceFile)
    await writeFile(traceFile, JSON.stringify(chromeTrace(result.timeline, traceTitle(result.directory))));
  stdout.write(
    flag(commandLine, 'json')
      ? jsonText(result, stdout)
      : timelineReport(result, createStyle(stdout.isTTY), traceFile),
  );
  return result.exitCode === 0 ? 0 : 2;
}
