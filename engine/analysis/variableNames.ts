// Which variable names a makefile can count as set: assigned in some known makefile, or bound by a function.
import { computedDefinitions } from './computedNamePattern';
import type { FileIndex } from './fileIndex';
import type { WorkspaceModel } from './workspaceModel';

/** The names some known makefile assigns: written out, or matching a computed name (`$(VERBOSE)MAKESILENT`). */
export interface DefinedNames {
  has(name: string): boolean;
}

class AssignedNames implements DefinedNames {
  constructor(
    private readonly written: ReadonlySet<string>,
    private readonly computed: readonly RegExp[],
  ) {}

  has(name: string): boolean {
    if (this.written.has(name)) return true;
    for (const pattern of this.computed) if (pattern.test(name)) return true;
    return false;
  }
}

const definedNamesCache = new WeakMap<WorkspaceModel, { generation: number; names: DefinedNames }>();

/**
 * Every variable name some known makefile assigns. Built once per change of the workspace model, not
 * once per published file: after an edit, every open makefile is checked against the same set. A
 * computed name counts for every name it can expand to: cmake writes `$(VERBOSE)MAKESILENT = -s` at the
 * top of each Makefile it generates, which defines MAKESILENT unless VERBOSE is set, and thousands of
 * `$(MAKESILENT)` read it.
 */
export function definedNames(model: WorkspaceModel): DefinedNames {
  const cached = definedNamesCache.get(model);
  if (cached && cached.generation === model.changeCount) return cached.names;
  const written = new Set<string>();
  const patterns: RegExp[] = [];
  for (const file of model.allIndexes()) {
    for (const { name } of file.variables) if (!name.includes('$')) written.add(name);
    for (const [pattern] of computedDefinitions(file.variables)) patterns.push(pattern);
  }
  const names = new AssignedNames(written, patterns);
  definedNamesCache.set(model, { generation: model.changeCount, names });
  return names;
}

/** `$(foreach v,...)` and `$(let a b,...)` bind names that no assignment defines. */
export function boundNames(index: FileIndex): ReadonlySet<string> {
  const names = new Set<string>();
  for (const reference of index.parsed.references) {
    if ((reference.functionName === 'foreach' || reference.functionName === 'let') && reference.args?.[0]) {
      for (const name of reference.args[0].text.split(/\s+/)) names.add(name);
    }
  }
  return names;
}
