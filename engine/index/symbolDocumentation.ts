// A SCIP SymbolInformation for a make variable or target: its name, kind, and each definition's source lines.
import * as path from 'node:path';
import type { TargetDefinition, VariableDefinition } from '../analysis/fileIndex';
import { uriToPath } from '../analysis/uris';
import type { WorkspaceModel } from '../analysis/workspaceModel';
import type { Range } from '../parser/ast';
import { SymbolKind, type ScipSymbolInformation } from './scipTypes';

export type Definition = VariableDefinition | TargetDefinition;

const MAX_DEFINITIONS = 8;
const MAX_LINES = 20;

/** The 0-based line a definition's name is on. */
export const lineOf = (definition: Definition): number =>
  'word' in definition ? definition.word.range.start.line : definition.nameRange.start.line;

export class SymbolDocumentation {
  private readonly lines = new Map<string, string[]>();

  constructor(
    private readonly model: WorkspaceModel,
    private readonly root: string,
  ) {}

  /** `definitions` in make's reading order, all of one symbol. */
  of(symbol: string, definitions: readonly Definition[]): ScipSymbolInformation {
    const shown = definitions.slice(0, MAX_DEFINITIONS).map((definition) => this.definitionText(definition));
    if (definitions.length > MAX_DEFINITIONS)
      shown.push(`… and ${definitions.length - MAX_DEFINITIONS} more definitions`);
    const variable = definitions.length > 0 && !('word' in definitions[0]);
    return {
      symbol,
      documentation: shown,
      kind: variable ? SymbolKind.Variable : SymbolKind.Unspecified,
      displayName: definitions[0]?.name ?? '',
    };
  }

  /** Where (`mk/flags.mk:3`, and the conditional it is under), then the assignment or rule line as written. */
  private definitionText(definition: Definition): string {
    const where = `${this.relativePath(definition.uri)}:${lineOf(definition) + 1}`;
    const branch =
      'branch' in definition && definition.branch ? ` (under \`${definition.branch.text}\`)` : '';
    const range = 'word' in definition ? definition.rule.headerRange : definition.statement.range;
    const source = this.sourceLines(definition.uri, range);
    const fence = source.includes('```') ? '~~~~' : '```';
    return `\`${where}\`${branch}\n\n${fence}makefile\n${source}\n${fence}`;
  }

  private sourceLines(uri: string, { start, end }: Range): string {
    let lines = this.lines.get(uri);
    if (!lines) {
      lines = (this.model.text(uri) ?? '').split(/\r?\n/);
      this.lines.set(uri, lines);
    }
    const last = Math.min(end.line, start.line + MAX_LINES - 1);
    const shown = lines.slice(start.line, last + 1);
    if (last < end.line) shown.push(`… (${end.line - last} more lines)`);
    return shown.join('\n');
  }

  private relativePath(uri: string): string {
    const filePath = uriToPath(uri);
    return filePath ? path.relative(this.root, filePath).split(path.sep).join('/') : uri;
  }
}
