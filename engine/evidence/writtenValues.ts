// A simple variable's value as written in its makefile. make's database keeps only the expanded value,
// which hides what it was made from: `CC := $(CROSS_COMPILE)gcc` shows as `CC := arm-linux-gcc`.
import * as path from 'node:path';
import { buildFileIndex, type FileIndex } from '../analysis/fileIndex';
import { parseMakefile } from '../parser/parser';
import type { DbVariable, MakeDatabase } from '../probes/parsers/databaseModel';
import { readMakefileText } from '../probes/safety';

/** Files larger than this are not read for their assignments (the workspace model's default limit). */
const MAX_BYTES = 10 * 1048576;

export type WrittenValue = (variable: DbVariable) => string | undefined;

/**
 * Reads and parses, once each, the makefiles where the database says simple variables were set
 * (paths relative to `directory`, where make ran), and answers the text of the assignment at a
 * variable's file and line. Only reads; a file that cannot be read answers nothing.
 */
export async function writtenValues(directory: string, db: MakeDatabase): Promise<WrittenValue> {
  const files = new Set<string>();
  for (const variable of db.variables) {
    if (variable.flavor === 'simple' && variable.file !== undefined)
      files.add(path.resolve(directory, variable.file));
  }
  const indexes = new Map<string, FileIndex>();
  await Promise.all(
    [...files].map(async (file) => {
      const text = await readMakefileText(file, MAX_BYTES);
      if (text !== undefined) indexes.set(file, buildFileIndex(file, parseMakefile(text)));
    }),
  );
  return (variable) => {
    if (variable.file === undefined || variable.line === undefined) return undefined;
    const line = variable.line - 1;
    const definition = indexes
      .get(path.resolve(directory, variable.file))
      ?.variables.find(
        (candidate) =>
          candidate.name === variable.name &&
          candidate.targets === undefined &&
          candidate.statement.type === 'assignment' &&
          candidate.statement.range.start.line <= line &&
          line <= candidate.statement.range.end.line,
      );
    return definition?.statement.type === 'assignment' ? definition.statement.value : undefined;
  };
}
