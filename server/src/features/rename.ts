// textDocument/rename and prepareRename for variables and targets, across the makefiles read together.
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { locate } from '../../../engine/analysis/locate';
import type { WorkspaceModel } from '../../../engine/analysis/workspaceModel';
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
