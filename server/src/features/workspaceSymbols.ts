// workspace/symbol: targets and variables of every known makefile whose name contains the query.
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import type { WorkspaceModel } from '../../../engine/analysis/workspaceModel';

const MAX_RESULTS = 1000;

export function workspaceSymbols(model: WorkspaceModel, query: string): SymbolInformation[] {
  const needle = query.toLowerCase();
  const results: SymbolInformation[] = [];
  const matches = (name: string): boolean => needle.length === 0 || name.toLowerCase().includes(needle);
  for (const file of model.allIndexes()) {
    for (const target of file.targets) {
      if (!matches(target.name)) continue;
      results.push({
        name: target.name,
        kind: target.rule.kind === 'pattern' ? SymbolKind.Class : SymbolKind.Function,
        location: { uri: file.uri, range: target.word.range },
      });
      if (results.length >= MAX_RESULTS) return results;
    }
    for (const variable of file.variables) {
      if (!matches(variable.name)) continue;
      results.push({
        name: variable.name,
        kind: SymbolKind.Variable,
        location: { uri: file.uri, range: variable.nameRange },
      });
      if (results.length >= MAX_RESULTS) return results;
    }
  }
  return results;
}
