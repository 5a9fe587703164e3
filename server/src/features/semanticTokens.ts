// textDocument/semanticTokens (full and range): variables by what make will find for them, targets,
// functions, directives, and the shell text of recipes apart from make's references in it.
import type { Range, SemanticTokens } from 'vscode-languageserver';
import type { FileIndex } from '../../../engine/analysis/fileIndex';
import { MAKE_DEFINED_VARIABLES, automaticVariableDoc } from '../../../engine/analysis/makeBuiltinDocs';
import type { Conditional, Reference, Statement } from '../../../engine/parser/ast';
import { modifierBits, tokenTypeIndex, type TokenModifier, type TokenType } from './semanticTokenLegend';

export interface TokenContext {
  /** Names some known makefile assigns or a function binds. */
  defined: (name: string) => boolean;
  /** Names set in the environment make inherits. */
  environment: ReadonlySet<string>;
}

interface Token {
  line: number;
  character: number;
  length: number;
  type: number;
  modifiers: number;
}

/** Leading directive words of a line (`override define`, `else ifeq`, `-include`). */
const DIRECTIVES =
  /^(\s*)((?:-?include|sinclude|vpath|export|unexport|undefine|override|private|define|endef|ifeq|ifneq|ifdef|ifndef|else|endif)(?=\s|$|\())/;

export function semanticTokens(
  index: FileIndex,
  text: string,
  context: TokenContext,
  range?: Range,
): SemanticTokens {
  const lines = text.split(/\r?\n/);
  const tokens: Token[] = [];
  const add = (
    line: number,
    character: number,
    length: number,
    type: TokenType,
    modifiers: TokenModifier[] = [],
  ): void => {
    if (length <= 0) return;
    if (range && (line < range.start.line || line > range.end.line)) return;
    tokens.push({ line, character, length, type: tokenTypeIndex(type), modifiers: modifierBits(modifiers) });
  };
  const addRange = (r: Range, type: TokenType, modifiers: TokenModifier[] = []): void => {
    if (r.start.line === r.end.line)
      add(r.start.line, r.start.character, r.end.character - r.start.character, type, modifiers);
  };

  for (const definition of index.variables) {
    const statement = definition.statement;
    if (statement.type === 'assignment' && statement.computedName) continue;
    addRange(definition.nameRange, 'variable', ['declaration']);
  }
  for (const target of index.targets) {
    if (!target.name.includes('$')) addRange(target.word.range, 'class', ['declaration']);
  }
  for (const reference of index.parsed.references) {
    if (reference.functionName) addRange(reference.nameRange, 'function', ['defaultLibrary']);
    else if (!reference.computed)
      addRange(reference.nameRange, 'variable', variableModifiers(reference.name, context));
  }
  for (const statement of index.statements) directiveTokens(statement, lines, add);
  for (const conditional of conditionals(index.parsed.statements)) {
    directiveTokens(conditional, lines, add);
    for (const branch of conditional.branches) {
      // `ifdef NAME` names a variable without `$(...)`: coloured like a reference to it.
      const name = branch.condition;
      if ((branch.kind === 'ifdef' || branch.kind === 'ifndef') && name && !name.text.includes('$'))
        addRange(name.range, 'variable', variableModifiers(name.text, context));
    }
  }
  recipeTokens(index, lines, add);
  return { data: encode(tokens) };
}

function variableModifiers(name: string, context: TokenContext): TokenModifier[] {
  if (automaticVariableDoc(name)) return ['readonly', 'defaultLibrary', 'automatic'];
  if (context.defined(name)) return [];
  if (context.environment.has(name)) return ['environment'];
  if (MAKE_DEFINED_VARIABLES.has(name)) return ['defaultLibrary'];
  return ['undefined'];
}

/** Every conditional, nested ones too (the file index keeps only the statements inside them). */
function* conditionals(statements: readonly Statement[]): Generator<Conditional> {
  for (const statement of statements) {
    if (statement.type !== 'conditional') continue;
    yield statement;
    for (const branch of statement.branches) yield* conditionals(branch.body);
  }
}

type Add = (
  line: number,
  character: number,
  length: number,
  type: TokenType,
  modifiers?: TokenModifier[],
) => void;

/** The directive words that open a statement's lines: the first line, each `else`, `endif`, `endef`. */
function directiveTokens(statement: Statement, lines: readonly string[], add: Add): void {
  if (statement.type === 'rule' || statement.type === 'unknown') return;
  const keywordsAt = (line: number): void => {
    const text = lines[line] ?? '';
    let at = 0;
    for (let match = DIRECTIVES.exec(text); match; match = DIRECTIVES.exec(text.slice(at))) {
      add(line, at + match[1].length, match[2].length, 'keyword');
      at += match[0].length;
    }
  };
  if (statement.type === 'conditional') {
    for (const branch of statement.branches) keywordsAt(branch.keywordRange.start.line);
    if (statement.endifRange) keywordsAt(statement.endifRange.start.line);
    return;
  }
  keywordsAt(statement.range.start.line);
  if (statement.type === 'assignment' && statement.define) keywordsAt(statement.range.end.line);
}

/** The shell text of each recipe line: everything after the recipe prefix but make's references. */
function recipeTokens(index: FileIndex, lines: readonly string[], add: Add): void {
  const references = index.parsed.references;
  let next = 0;
  for (const site of index.recipes) {
    const { start, end } = site.line.range;
    while (next < references.length && before(references[next], start.line, start.character)) next++;
    const inside: Reference[] = [];
    for (let i = next; i < references.length && before(references[i], end.line, end.character); i++) {
      const last = inside[inside.length - 1];
      // Only the outermost references cut the shell text; nested ones lie within them.
      if (!last || !before(references[i], last.range.end.line, last.range.end.character))
        inside.push(references[i]);
    }
    for (let line = start.line; line <= end.line; line++) {
      const text = lines[line] ?? '';
      let from = line === start.line ? start.character : text.length - text.trimStart().length;
      const to = line === end.line ? end.character : text.length;
      for (const reference of inside) {
        const r = reference.range;
        if (r.start.line > line || r.end.line < line) continue;
        const cut = r.start.line === line ? r.start.character : from;
        add(line, from, cut - from, 'recipe');
        from = r.end.line === line ? r.end.character : to;
      }
      add(line, from, to - from, 'recipe');
    }
  }
}

const before = (reference: Reference, line: number, character: number): boolean =>
  reference.range.start.line < line ||
  (reference.range.start.line === line && reference.range.start.character < character);

/** LSP's relative encoding, tokens sorted and never overlapping (a later overlapping one is dropped). */
function encode(tokens: Token[]): number[] {
  tokens.sort((a, b) => a.line - b.line || a.character - b.character);
  const data: number[] = [];
  let line = 0;
  let character = 0;
  let end = { line: -1, character: 0 };
  for (const token of tokens) {
    if (token.line === end.line && token.character < end.character) continue;
    data.push(
      token.line - line,
      token.line === line ? token.character - character : token.character,
      token.length,
      token.type,
      token.modifiers,
    );
    line = token.line;
    character = token.character;
    end = { line: token.line, character: token.character + token.length };
  }
  return data;
}
