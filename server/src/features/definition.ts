// textDocument/definition: from a variable, target, prerequisite or include path to where it is defined.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import type { Location, Position } from 'vscode-languageserver';
import { locate } from '../../../engine/analysis/locate';
import { targetDefinitions, variableDefinitions } from '../../../engine/analysis/symbolQueries';
import { pathToUri, uriToPath } from '../../../engine/analysis/uris';
import type { WorkspaceModel } from '../../../engine/analysis/workspaceModel';

const START_OF_FILE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function definition(model: WorkspaceModel, uri: string, position: Position): Location[] {
  const index = model.index(uri);
  if (!index) return [];
  const located = locate(index, position);
  if (!located) return [];
  switch (located.kind) {
    case 'variable':
      return variableDefinitions(model, uri, located.name).map((d) => ({ uri: d.uri, range: d.nameRange }));
    case 'target':
    case 'prerequisite': {
      const rules = targetDefinitions(model, uri, located.name).map((t) => ({
        uri: t.uri,
        range: t.word.range,
      }));
      if (rules.length > 0 || located.kind === 'target') return rules;
      // A prerequisite with no rule is a source file: go to the file itself when it is one
      // (a directory such as `/` is no place an editor can open).
      const filePath = uriToPath(uri);
      const candidate = filePath ? path.resolve(path.dirname(filePath), located.name) : undefined;
      return candidate && !located.name.includes('$') && isRegularFile(candidate)
        ? [{ uri: pathToUri(candidate), range: START_OF_FILE }]
        : [];
    }
    case 'include': {
      const resolved = model.includesOf(uri).find((include) => include.site.word === located.site.word);
      return resolved?.targetUri ? [{ uri: resolved.targetUri, range: START_OF_FILE }] : [];
    }
    default:
      return [];
  }
}

/** A name that cannot be a file (too long, unreadable folder) is no file: never an error for the request. */
function isRegularFile(filePath: string): boolean {
  try {
    return statSync(filePath, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
