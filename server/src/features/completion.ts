// textDocument/completion: variables and functions after `$(`, automatic variables after `$`, targets elsewhere.
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import {
  AUTOMATIC_VARIABLES,
  FUNCTIONS,
  MAKE_DEFINED_VARIABLES,
} from '../../../engine/analysis/makeBuiltinDocs';
import type { WorkspaceModel } from '../../../engine/analysis/workspaceModel';

export function completion(model: WorkspaceModel, uri: string, position: Position): CompletionItem[] {
  const text = model.text(uri);
  if (text === undefined) return [];
  const lineText = lineAt(text, position.line).slice(0, position.character);
  if (/\$$/.test(lineText) && !/\$\$$/.test(lineText)) return automaticVariables();
  if (/\$[({][^\s(){}$,:=]*$/.test(lineText)) return [...variables(model, uri), ...functions()];
  if (/^[^\t=#]*:[^=]/.test(lineText) || /^[^\t=#]*:$/.test(lineText)) return targets(model, uri);
  return [...variables(model, uri), ...targets(model, uri)];
}

function lineAt(text: string, line: number): string {
  let start = 0;
  for (let current = 0; current < line; current++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

function variables(model: WorkspaceModel, uri: string): CompletionItem[] {
  const items = new Map<string, CompletionItem>();
  for (const file of model.project(uri)) {
    for (const variable of file.variables) {
      if (variable.name.includes('$') || items.has(variable.name)) continue;
      const statement = variable.statement;
      const detail =
        statement.type === 'assignment'
          ? `${statement.operator} ${statement.value.slice(0, 80)}`
          : statement.directive;
      items.set(variable.name, { label: variable.name, kind: CompletionItemKind.Variable, detail });
    }
  }
  for (const name of MAKE_DEFINED_VARIABLES) {
    if (!items.has(name))
      items.set(name, { label: name, kind: CompletionItemKind.Constant, detail: 'defined by make' });
  }
  return [...items.values()];
}

function functions(): CompletionItem[] {
  return Object.entries(FUNCTIONS).map(([name, doc]) => ({
    label: name,
    kind: CompletionItemKind.Function,
    detail: doc.signature,
    documentation: doc.doc,
  }));
}

function automaticVariables(): CompletionItem[] {
  return Object.entries(AUTOMATIC_VARIABLES).map(([name, doc]) => ({
    label: name,
    kind: CompletionItemKind.Variable,
    detail: `$${name}`,
    documentation: doc,
  }));
}

function targets(model: WorkspaceModel, uri: string): CompletionItem[] {
  const items = new Map<string, CompletionItem>();
  for (const file of model.project(uri)) {
    for (const target of file.targets) {
      if (!items.has(target.name))
        items.set(target.name, { label: target.name, kind: CompletionItemKind.Function });
    }
  }
  return [...items.values()];
}
