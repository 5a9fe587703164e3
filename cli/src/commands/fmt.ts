// `makescope fmt [FILE...]`: the formatter over makefiles; writes the files it changes, or with --check / --diff
// only says which would change (exit 1). Bytes are kept: a file that is not UTF-8 is read and written as latin1.
import { isUtf8 } from 'node:buffer';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { formatMakefile, reasonNotToFormat } from '../../../engine/format/formatMakefile';
import type { CommandIO, CommandLine } from '../commandSpec';
import { makefileOperands } from '../makefileOperands';
import { flag, UsageError } from '../options';

/** latin1 maps every byte to one character and back, so a file in any 8-bit encoding survives unchanged. */
const encodingOf = (bytes: Buffer): BufferEncoding => (isUtf8(bytes) ? 'utf8' : 'latin1');

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const check = flag(commandLine, 'check');
  const diff = flag(commandLine, 'diff');
  const { files } = await makefileOperands(commandLine);
  const shown = (file: string): string => path.relative(process.cwd(), file) || file;
  let changed = 0;
  for (const file of files) {
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`${shown(file)}: cannot read it (${error.code ?? error.message})`);
    });
    const encoding = encodingOf(bytes);
    const original = bytes.toString(encoding);
    const declined = reasonNotToFormat(original);
    if (declined !== null) {
      io.stderr.write(`${shown(file)}: left as written: ${declined}\n`);
      continue;
    }
    const formatted = formatMakefile(original);
    if (formatted === original) continue;
    changed++;
    if (diff)
      io.stdout.write(createTwoFilesPatch(`a/${shown(file)}`, `b/${shown(file)}`, original, formatted));
    else if (check) io.stdout.write(`would reformat ${shown(file)}\n`);
    else {
      await writeFile(file, formatted, encoding);
      io.stdout.write(`formatted ${shown(file)}\n`);
    }
  }
  const tellOnly = check || diff;
  const verb = tellOnly ? 'would be reformatted' : 'reformatted';
  io.stderr.write(`${changed} of ${files.length} file(s) ${verb}\n`);
  return tellOnly && changed > 0 ? 1 : 0;
}
