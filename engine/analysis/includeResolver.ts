// Turns an include word (`include $(TOP)/mk/rules.mk`) into the file make would read, where that is knowable.
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { expandStatically, type StaticScope } from './staticExpander';

export interface IncludeContext extends StaticScope {
  /** Directory of the makefile that holds the include line. */
  includingDir: string;
  /** Extra directories to search, as make's `-I` options. */
  includeDirs: readonly string[];
}

/** How many folders up from the including makefile make may have been run (cmake: two or three). */
const ANCESTOR_LEVELS = 4;

/**
 * Candidate paths in make's order (cwd first, then -I dirs); the including dir is a fallback, then
 * its ancestors: a makefile run with -f from a folder above it (cmake's Makefile2 runs
 * `make -f CMakeFiles/x.dir/build.make` from the build folder) includes relative to that folder.
 */
export function resolveIncludePath(word: string, context: IncludeContext): string | undefined {
  // A variable no makefile sets is empty to make too (kbuild's KBUILD_SRC, only set for O= builds);
  // the path is taken only when that file exists.
  const expanded =
    expandStatically(word, context) ?? expandStatically(word, { ...context, unknownIsEmpty: true });
  if (expanded === undefined || expanded.length === 0 || /[*?[%]/.test(expanded)) return undefined;
  if (path.isAbsolute(expanded)) return isFile(expanded) ? expanded : undefined;
  const bases = [
    context.curdir,
    ...context.includeDirs,
    context.includingDir,
    ...ancestors(context.includingDir),
  ];
  for (const base of bases) {
    const candidate = path.resolve(base, expanded);
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

function ancestors(folder: string): string[] {
  const found: string[] = [];
  for (let current = folder; found.length < ANCESTOR_LEVELS; ) {
    const parent = path.dirname(current);
    if (parent === current) break;
    found.push(parent);
    current = parent;
  }
  return found;
}

function isFile(candidate: string): boolean {
  try {
    return existsSync(candidate) && statSync(candidate).isFile();
  } catch {
    return false;
  }
}
