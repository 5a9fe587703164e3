// The makefiles a file command (lint, fmt) works on: its FILE operands, or the makefile make would read in -C DIR.
import * as path from 'node:path';
import { findMakefile } from '../../engine/probes/safety';
import type { CommandLine } from './commandSpec';
import { text, UsageError } from './options';

export interface MakefileOperands {
  /** -C DIR, absolute (the current directory when not given); FILE operands are relative to it. */
  directory: string;
  /** Absolute paths, in the order given. */
  files: string[];
}

export async function makefileOperands(commandLine: CommandLine): Promise<MakefileOperands> {
  const directory = path.resolve(text(commandLine, 'directory') ?? '.');
  const files = commandLine.positionals.map((file) => path.resolve(directory, file));
  if (files.length > 0) return { directory, files };
  const makefile = await findMakefile(directory);
  if (makefile === undefined) throw new UsageError(`no makefile in ${directory}`);
  return { directory, files: [path.join(directory, makefile)] };
}
