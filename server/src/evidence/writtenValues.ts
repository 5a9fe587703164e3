// A simple variable's value as written in its makefile. make's database keeps only the expanded value,
// which hides what it was made from: `CC := $(CROSS_COMPILE)gcc` shows as `CC := arm-linux-gcc`.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { buildFileIndex, type FileIndex } from '../analysis/fileIndex';
import { parseMakefile } from '../parser/parser';
import type { DbVariable } from '../probes/parsers/databaseModel';

/** Files larger than this are not read for their assignments (the workspace model's default limit). */
const MAX_BYTES = 10 * 1048576;

export type WrittenValue = (variable: DbVariable) => string | undefined;

/**
 * Reads (once each) the makefiles the database names, relative to `directory` where make ran, and
 * answers the text of the assignment at the variable's file and line. Only reads; never throws.
 */
export function writtenValues(directory: string): WrittenValue {
  const indexes = new Map<string, FileIndex | undefined>();
  const indexOf = (file: string): FileIndex | undefined => {
    const absolute = path.resolve(directory, file);
    if (!indexes.has(absolute)) indexes.set(absolute, readIndex(absolute));
    return indexes.get(absolute);
  };
  return (variable) => {
    if (variable.file === undefined || variable.line === undefined) return undefined;
    const line = variable.line - 1;
    const definition = indexOf(variable.file)?.variables.find(
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

function readIndex(file: string): FileIndex | undefined {
  try {
    if (!statSync(file).isFile() || statSync(file).size > MAX_BYTES) return undefined;
    return buildFileIndex(file, parseMakefile(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}
