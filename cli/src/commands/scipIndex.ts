// `makescope index [-C DIR] [--output FILE]`: writes the SCIP index of the makefiles under DIR, and says what it wrote.
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { indexMakefiles } from '../../../engine/index/makefileIndex';
import { encodeScipIndex } from '../../../engine/index/scipEncoding';
import { SymbolRole } from '../../../engine/index/scipTypes';
import type { CommandIO, CommandLine } from '../commandSpec';
import { text, UsageError } from '../options';

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  if (commandLine.positionals.length > 0)
    throw new UsageError(`index takes no operands, got '${commandLine.positionals[0]}'`);
  const directory = path.resolve(text(commandLine, 'directory') ?? '.');
  const output = text(commandLine, 'output') ?? 'index.scip';
  const { index, notes } = await indexMakefiles({
    root: directory,
    toolArguments: ['index', '-C', directory],
  });
  if (index.documents.length === 0) throw new UsageError(`no makefile under ${directory}`);
  const bytes = encodeScipIndex(index);
  if (output === '-') io.stdout.write(bytes);
  else
    await writeFile(output, bytes).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot write ${output} (${error.code ?? error.message})`);
    });
  for (const note of notes) io.stderr.write(`makescope index: ${note}\n`);
  const occurrences = index.documents.flatMap((document) => document.occurrences);
  const definitions = occurrences.filter((o) => (o.symbolRoles & SymbolRole.Definition) !== 0).length;
  const symbols = index.documents.reduce((sum, document) => sum + document.symbols.length, 0);
  const where = output === '-' ? 'standard output' : output;
  io.stderr.write(
    `wrote ${where}: ${bytes.length} bytes, ${index.documents.length} document(s), ${occurrences.length} occurrences ` +
      `(${definitions} definitions, ${occurrences.length - definitions} references), ${symbols} symbols\n`,
  );
  return 0;
}
