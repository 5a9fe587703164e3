// Which conditional branches each rule of a makefile is written in: two rules in different branches of one conditional never both count.
import type { FileIndex } from '../../analysis/fileIndex';
import type { Statement } from '../../parser/ast';

/** One step into a conditional: the conditional and the index of the branch taken (`ifdef`, `else`...). */
type BranchStep = readonly [conditional: Statement, branch: number];

const cache = new WeakMap<FileIndex, Map<Statement, readonly BranchStep[]>>();

/** The branches each statement of `file` lies in, outermost first; a statement outside conditionals has none. */
function branchesOf(file: FileIndex): Map<Statement, readonly BranchStep[]> {
  let found = cache.get(file);
  if (!found) {
    found = new Map();
    walk(file.parsed.statements, [], found);
    cache.set(file, found);
  }
  return found;
}

function walk(
  statements: readonly Statement[],
  path: readonly BranchStep[],
  into: Map<Statement, readonly BranchStep[]>,
): void {
  for (const statement of statements) {
    if (statement.type !== 'conditional') {
      if (path.length > 0) into.set(statement, path);
      continue;
    }
    statement.branches.forEach((branch, at) => walk(branch.body, [...path, [statement, at]], into));
  }
}

/**
 * Whether make can never read both statements of `file`: they lie in different branches of one
 * conditional (`ifndef NO_PERL` ... `else`), as git writes one rule of `git-instaweb` per branch.
 */
export function mutuallyExclusive(file: FileIndex, a: Statement, b: Statement): boolean {
  const branches = branchesOf(file);
  const first = branches.get(a);
  const second = branches.get(b);
  if (!first || !second) return false;
  for (const [conditional, branch] of first)
    for (const [other, otherBranch] of second)
      if (conditional === other && branch !== otherBranch) return true;
  return false;
}
