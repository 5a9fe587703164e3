// What the recipe recorder (recipeRecorder.ts) cannot record, read from the databases of the build it recorded.
import * as path from 'node:path';
import type { MakeGraph, OwnShell } from './makeDatabases';

/** The shells the recipe recorder can run in: POSIX shells (bash's and zsh's ways included). */
const POSIX_SHELLS = /^(?:sh|bash|dash|ash|ksh|ksh93|mksh|pdksh|zsh|yash|posh|busybox)$/;

function where(own: OwnShell): string {
  return own.file !== undefined && own.line !== undefined
    ? `${own.target} at ${own.file}:${own.line}`
    : own.target;
}

/**
 * Why the recipe recorder could not record this build, if it could not: a make whose SHELL is no POSIX shell
 * (`SHELL := python3`), one under .ONESHELL (make then runs SHELL, the recorder's path appended, as one path),
 * or targets whose recipes ran (`ranRecipes`: `level|directory|target`, as make reported them) in a SHELL of their
 * own (`b: SHELL := /bin/bash`), which the recorder's pattern-specific `SHELL +=` does not reach: they have no span.
 */
export function unrecordable(
  graphs: ReadonlyMap<string, MakeGraph>,
  ranRecipes: ReadonlySet<string>,
): string | undefined {
  const missed: OwnShell[] = [];
  for (const [key, { shell, oneShell, ownShells }] of graphs) {
    if (oneShell) return 'the makefile names .ONESHELL';
    missed.push(...(ownShells ?? []).filter((own) => ranRecipes.has(`${key}|${own.target}`)));
    if (shell === undefined) continue;
    const words = shell.trim().split(/\s+/);
    const name = (word: string | undefined): string => path.basename(word ?? '');
    const program =
      name(words[0]) === 'env' ? words.slice(1).find((word) => !word.startsWith('-')) : words[0];
    if (!POSIX_SHELLS.test(name(program))) return `SHELL is ${shell}, not a POSIX shell`;
  }
  if (missed.length === 0) return undefined;
  const named = missed.slice(0, 3).map(where).join(', ');
  const more = missed.length > 3 ? ` and ${missed.length - 3} more` : '';
  return missed.length === 1
    ? `${named} sets its own SHELL, which the recipe recorder does not reach`
    : `${missed.length} targets set their own SHELL (${named}${more}), which the recipe recorder does not reach`;
}
