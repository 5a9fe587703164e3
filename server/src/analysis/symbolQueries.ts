// Cross-file lookups over the workspace model: definitions, targets and references of a name.
import type { FileIndex, PrerequisiteSite, TargetDefinition, VariableDefinition } from './fileIndex';
import type { Reference } from '../parser/ast';
import type { WorkspaceModel } from './workspaceModel';

export interface ReferenceSite {
  uri: string;
  reference: Reference;
}

/** The files to search: the project `uri` belongs to, or the whole workspace when the project has no match. */
function scopes(model: WorkspaceModel, uri: string): FileIndex[][] {
  return [model.project(uri), model.allIndexes()];
}

export function variableDefinitions(model: WorkspaceModel, uri: string, name: string): VariableDefinition[] {
  for (const files of scopes(model, uri)) {
    const found = files.flatMap((file) => file.variables.filter((definition) => definition.name === name));
    if (found.length > 0) return found;
  }
  return [];
}

export function targetDefinitions(model: WorkspaceModel, uri: string, name: string): TargetDefinition[] {
  for (const files of scopes(model, uri)) {
    const found = files.flatMap((file) => file.targets.filter((target) => target.name === name));
    if (found.length > 0) return found;
  }
  return [];
}

export function prerequisiteSites(model: WorkspaceModel, uri: string, name: string): PrerequisiteSite[] {
  return model.project(uri).flatMap((file) => file.prerequisites.filter((site) => site.name === name));
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
