// textDocument/documentSymbol: targets, variables, define blocks and includes, nested under conditionals.
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { ParsedMakefile, Statement } from '../../../engine/parser/ast';

// A parsed file never changes, so its outline is computed once per document version.
const cache = new WeakMap<ParsedMakefile, DocumentSymbol[]>();

export function documentSymbols(file: ParsedMakefile): DocumentSymbol[] {
  let symbols = cache.get(file);
  if (!symbols) {
    symbols = symbolsOf(file.statements);
    cache.set(file, symbols);
  }
  return symbols;
}

function symbolsOf(statements: Statement[]): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const statement of statements) {
    switch (statement.type) {
      case 'rule': {
        // Without prerequisites there is no detail: an empty one would only add bytes to every answer.
        const detail = statement.prerequisites.map((p) => p.text).join(' ');
        for (const target of statement.targets) {
          symbols.push({
            name: target.text,
            ...(detail ? { detail } : {}),
            kind: statement.kind === 'pattern' ? SymbolKind.Class : SymbolKind.Function,
            range: statement.range,
            selectionRange: target.range,
          });
        }
        break;
      }
      case 'assignment':
        symbols.push({
          name: statement.name.text,
          detail: statement.targets
            ? `${statement.targets.map((t) => t.text).join(' ')}: ${statement.operator}`
            : statement.operator,
          kind: statement.define ? SymbolKind.Constant : SymbolKind.Variable,
          range: statement.range,
          selectionRange: statement.name.range,
        });
        break;
      case 'include':
        for (const includePath of statement.paths) {
          symbols.push({
            name: includePath.text,
            detail: statement.directive,
            kind: SymbolKind.File,
            range: statement.range,
            selectionRange: includePath.range,
          });
        }
        break;
      case 'conditional': {
        for (const branch of statement.branches) {
          const children = symbolsOf(branch.body);
          if (children.length === 0) continue;
          symbols.push({
            name: `${branch.kind ?? 'else'} ${branch.condition?.text ?? ''}`.trim(),
            kind: SymbolKind.Namespace,
            range: branch.range,
            selectionRange: branch.keywordRange,
            children,
          });
        }
        break;
      }
      default:
        break;
    }
  }
  return symbols;
}
