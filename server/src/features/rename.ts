// textDocument/rename and prepareRename for variables and targets, across the makefiles read together.
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { locate } from '../../../engine/analysis/locate';
import type { WorkspaceModel } from '../../../engine/analysis/workspaceModel';
import { variableDefinitions } from '../../../engine/analysis/symbolQueries';
import { references } from './references';

export function prepareRename(
  model: WorkspaceModel,
  uri: string,
  position: Position,
): { range: Range; placeholder: string } | null {
  const index = model.index(uri);
  const located = index && locate(index, position);
  if (!located) return null;
  if (located.kind !== 'variable' && located.kind !== 'target' && located.kind !== 'prerequisite')
    return null;
  if (located.name.includes('$')) return null;
  return { range: located.range, placeholder: located.name };
}

export function rename(
  model: WorkspaceModel,
  uri: string,
  position: Position,
  newName: string,
): WorkspaceEdit | null {
  if (!prepareRename(model, uri, position)) return null;
  if (!/^[^\s:#=$]+$/.test(newName)) {
    throw new Error(`'${newName}' is not a valid make name: it may not hold spaces, ':', '#', '=' or '$'.`);
  }
  refuseComputedDefinitions(model, uri, position);
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  for (const location of references(model, uri, position, true)) {
    const key = `${location.uri}:${location.range.start.line}:${location.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (changes[location.uri] ??= []).push({ range: location.range, newText: newName });
  }
  return { changes };
}

/**
 * A variable assigned through a computed name (`$(VERBOSE)MAKESILENT = -s`) cannot be renamed: the edit
 * would replace the whole computed name, or leave it, and either changes what make defines.
 */
function refuseComputedDefinitions(model: WorkspaceModel, uri: string, position: Position): void {
  const index = model.index(uri);
  const located = index && locate(index, position);
  if (located?.kind !== 'variable') return;
  const computed = variableDefinitions(model, uri, located.name).find((d) => d.name.includes('$'));
  if (!computed) return;
  throw new Error(
    `'${located.name}' is assigned through the computed name '${computed.name}' (line ${computed.nameRange.start.line + 1}): a rename cannot change that name, so nothing was renamed.`,
  );
}
