// textDocument/references: every use of a variable, or every rule and prerequisite naming a target.
import type { Location, Position } from 'vscode-languageserver';
import { locate } from '../../../engine/analysis/locate';
import {
  prerequisiteSites,
  targetDefinitions,
  variableDefinitions,
  variableReferences,
} from '../../../engine/analysis/symbolQueries';
import type { WorkspaceModel } from '../../../engine/analysis/workspaceModel';

export function references(
  model: WorkspaceModel,
  uri: string,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const index = model.index(uri);
  const located = index && locate(index, position);
  if (!located) return [];
  if (located.kind === 'variable') {
    const uses = variableReferences(model, uri, located.name).map((site) => ({
      uri: site.uri,
      range: site.reference.nameRange,
    }));
    const definitions = includeDeclaration
      ? variableDefinitions(model, uri, located.name).map((d) => ({ uri: d.uri, range: d.nameRange }))
      : [];
    return [...definitions, ...uses];
  }
  if (located.kind === 'target' || located.kind === 'prerequisite') {
    const uses = prerequisiteSites(model, uri, located.name).map((site) => ({
      uri: site.uri,
      range: site.word.range,
    }));
    const definitions = includeDeclaration
      ? targetDefinitions(model, uri, located.name).map((t) => ({ uri: t.uri, range: t.word.range }))
      : [];
    return [...definitions, ...uses];
  }
  return [];
}
