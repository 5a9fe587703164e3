// Which variable names a makefile can count as set: assigned in some known makefile, or bound by a function.
import type { FileIndex } from './fileIndex';
import type { WorkspaceModel } from './workspaceModel';

const definedNamesCache = new WeakMap<WorkspaceModel, { generation: number; names: Set<string> }>();

/**
 * Every variable name some known makefile assigns. Built once per change of the workspace model, not
 * once per published file: after an edit, every open makefile is checked against the same set.
 */
export function definedNames(model: WorkspaceModel): ReadonlySet<string> {
  const cached = definedNamesCache.get(model);
  if (cached && cached.generation === model.changeCount) return cached.names;
  const names = new Set<string>();
  for (const file of model.allIndexes()) for (const variable of file.variables) names.add(variable.name);
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
