// `makescope runbook`: a RUNBOOK.md for the project from make's own database (stdout, or --out FILE).
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { generateRunbook } from '../../../engine/evidence/runbook';
import type { CommandIO, CommandLine } from '../commandSpec';
import { projectOptions, text } from '../options';

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const args = projectOptions(commandLine);
  const runbook = await generateRunbook({
    directory: path.resolve(args.directory),
    makefile: args.makefile,
    make: args.make,
    commandLineVariables: args.variables,
    timeoutMs: args.timeoutMs,
    signal: io.signal,
  });
  const out = text(commandLine, 'out');
  if (!out) {
    io.stdout.write(runbook);
    return 0;
  }
  await writeFile(path.resolve(out), runbook);
  io.stderr.write(`makescope: runbook written to ${path.resolve(out)}\n`);
  return 0;
}
