// Cross-file lookups over the workspace model: definitions, targets and references of a name.
import { computedDefinitions } from './computedNamePattern';
import type { FileIndex, PrerequisiteSite, TargetDefinition, VariableDefinition } from './fileIndex';
import type { Reference } from '../parser/ast';
import type { WorkspaceModel } from './workspaceModel';

export interface ReferenceSite {
  uri: string;
  reference: Reference;
}

const byNameCache = new WeakMap<readonly unknown[], Map<string, unknown[]>>();

/**
 * The items of a file's list with the given name, through a name map built on first use (kept per
 * list: a file's index never changes), so a hover or definition does not filter every definition
 * of every file of the project.
 */
function named<T extends { name: string }>(items: readonly T[], name: string): readonly T[] {
  let map = byNameCache.get(items) as Map<string, T[]> | undefined;
  if (!map) {
    map = new Map();
    for (const item of items) {
      const list = map.get(item.name);
      if (list) list.push(item);
      else map.set(item.name, [item]);
    }
    byNameCache.set(items, map);
  }
  return map.get(name) ?? [];
}

/** The files to search: the project `uri` belongs to, or the whole workspace when the project has no match. */
function scopes(model: WorkspaceModel, uri: string): FileIndex[][] {
  return [model.project(uri), model.allIndexes()];
}

/**
 * Where `name` is assigned: by that name, or else by a computed name that can expand to it (cmake's
 * `$(VERBOSE)MAKESILENT = -s` for `$(MAKESILENT)`).
 */
export function variableDefinitions(model: WorkspaceModel, uri: string, name: string): VariableDefinition[] {
  for (const files of scopes(model, uri)) {
    const found = files.flatMap((file) => named(file.variables, name));
    if (found.length > 0) return found;
  }
  for (const files of scopes(model, uri)) {
    const found = files.flatMap((file) =>
      computedDefinitions(file.variables)
        .filter(([pattern]) => pattern.test(name))
        .map(([, variable]) => variable),
    );
    if (found.length > 0) return found;
  }
  return [];
}

export function targetDefinitions(model: WorkspaceModel, uri: string, name: string): TargetDefinition[] {
  for (const files of scopes(model, uri)) {
    const found = files.flatMap((file) => named(file.targets, name));
    if (found.length > 0) return found;
  }
  return [];
}

export function prerequisiteSites(model: WorkspaceModel, uri: string, name: string): PrerequisiteSite[] {
  return model.project(uri).flatMap((file) => named(file.prerequisites, name));
}

export function variableReferences(model: WorkspaceModel, uri: string, name: string): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const file of model.project(uri)) {
    for (const reference of file.parsed.references) {
      if (!reference.functionName && !reference.computed && reference.name === name) {
        sites.push({ uri: file.uri, reference });
      }
    }
  }
  return sites;
}
