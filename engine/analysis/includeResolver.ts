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

/** Candidate paths in make's order (cwd first, then -I dirs); the including dir is a fallback. */
export function resolveIncludePath(word: string, context: IncludeContext): string | undefined {
  const expanded = expandStatically(word, context);
  if (expanded === undefined || expanded.length === 0 || /[*?[%]/.test(expanded)) return undefined;
  if (path.isAbsolute(expanded)) return isFile(expanded) ? expanded : undefined;
  const bases = [context.curdir, ...context.includeDirs, context.includingDir];
  for (const base of bases) {
    const candidate = path.resolve(base, expanded);
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

function isFile(candidate: string): boolean {
  try {
    return existsSync(candidate) && statSync(candidate).isFile();
  } catch {
    return false;
  }
}
