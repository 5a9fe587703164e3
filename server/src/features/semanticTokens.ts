// textDocument/semanticTokens: variables by what make will find for them, targets,
// functions, directives, and the shell text of recipes apart from make's references in it.
import type { Range, SemanticTokens } from 'vscode-languageserver';
import type { FileIndex } from '../../../engine/analysis/fileIndex';
import { MAKE_DEFINED_VARIABLES, automaticVariableDoc } from '../../../engine/analysis/makeBuiltinDocs';
import type { Conditional, Statement } from '../../../engine/parser/ast';
import { ReferenceSpans } from './referenceSpans';
import { modifierBits, tokenTypeIndex, type TokenModifier } from './semanticTokenLegend';
import { SourceLines } from './sourceLines';
import { TokenList } from './tokenList';

export interface TokenContext {
  /** Names some known makefile assigns or a function binds. */
  defined: (name: string) => boolean;
  /** Names set in the environment make inherits. */
  environment: ReadonlySet<string>;
}

const VARIABLE = tokenTypeIndex('variable');
const FUNCTION = tokenTypeIndex('function');
const KEYWORD = tokenTypeIndex('keyword');
const CLASS = tokenTypeIndex('class');
const RECIPE = tokenTypeIndex('recipe');
const DECLARATION = modifierBits(['declaration']);
const BUILTIN_FUNCTION = modifierBits(['defaultLibrary']);

/**
 * Leading directive words of a line (`override define`, `else ifeq`, `-include`), matched in the whole
 * text from a line's start (sticky): the blanks before a word never run into the next line.
 */
const DIRECTIVE =
  /([^\S\n]*)((?:-?include|sinclude|vpath|export|unexport|undefine|override|private|define|endef|ifeq|ifneq|ifdef|ifndef|else|endif)(?=\s|$|\())/y;

/** The whole document's tokens (a range request's are cut from them: tokensInLines). */
export function semanticTokens(index: FileIndex, text: string, context: TokenContext): SemanticTokens {
  const lines = new SourceLines(text);
  const tokens = new TokenList();
  const addRange = (r: Range, type: number, modifiers: number): void => {
    const { start, end } = r;
    if (start.line === end.line)
      tokens.add(start.line, start.character, end.character - start.character, type, modifiers);
  };

  for (const definition of index.variables) {
    const statement = definition.statement;
    if (statement.type === 'assignment' && statement.computedName) continue;
    addRange(definition.nameRange, VARIABLE, DECLARATION);
  }
  for (const target of index.targets) {
    if (!target.name.includes('$')) addRange(target.word.range, CLASS, DECLARATION);
  }
  const modifiers = new VariableModifiers(context);
  for (const reference of index.parsed.references) {
    if (reference.functionName) addRange(reference.nameRange, FUNCTION, BUILTIN_FUNCTION);
    else if (!reference.computed) addRange(reference.nameRange, VARIABLE, modifiers.of(reference.name));
  }
  for (const statement of index.statements) directiveTokens(statement, lines, tokens);
  for (const conditional of conditionals(index.parsed.statements)) {
    directiveTokens(conditional, lines, tokens);
    for (const branch of conditional.branches) {
      // `ifdef NAME` names a variable without `$(...)`: coloured like a reference to it.
      const name = branch.condition;
      if ((branch.kind === 'ifdef' || branch.kind === 'ifndef') && name && !name.text.includes('$'))
        addRange(name.range, VARIABLE, modifiers.of(name.text));
    }
  }
  recipeTokens(index, lines, tokens);
  return { data: tokens.encode() };
}

/** The modifier bits of a variable's name, worked out once per name in a request. */
class VariableModifiers {
  private readonly known = new Map<string, number>();

  constructor(private readonly context: TokenContext) {}

  of(name: string): number {
    let bits = this.known.get(name);
    if (bits === undefined) {
      bits = modifierBits(variableModifiers(name, this.context));
      this.known.set(name, bits);
    }
    return bits;
  }
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

/** The directive words that open a statement's lines: the first line, each `else`, `endif`, `endef`. */
function directiveTokens(statement: Statement, lines: SourceLines, tokens: TokenList): void {
  if (statement.type === 'rule' || statement.type === 'unknown') return;
  const keywordsAt = (line: number): void => {
    const start = lines.start(line);
    DIRECTIVE.lastIndex = start;
    for (let match = DIRECTIVE.exec(lines.text); match; match = DIRECTIVE.exec(lines.text)) {
      tokens.add(line, match.index - start + match[1].length, match[2].length, KEYWORD, 0);
      DIRECTIVE.lastIndex = match.index + match[0].length;
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
function recipeTokens(index: FileIndex, lines: SourceLines, tokens: TokenList): void {
  const references = new ReferenceSpans(index.parsed.references);
  const inside: number[] = [];
  let next = 0;
  for (const site of index.recipes) {
    const { start, end } = site.line.range;
    while (next < references.count && references.startsBefore(next, start.line, start.character)) next++;
    inside.length = 0;
    for (let i = next; i < references.count && references.startsBefore(i, end.line, end.character); i++) {
      const last = inside[inside.length - 1];
      // Only the outermost references cut the shell text; nested ones lie within them.
      if (
        last === undefined ||
        !references.startsBefore(i, references.endLine[last], references.endCharacter[last])
      )
        inside.push(i);
    }
    for (let line = start.line; line <= end.line; line++) {
      let from = line === start.line ? start.character : leadingBlanks(lines.lineText(line));
      const to = line === end.line ? end.character : lines.length(line);
      for (const i of inside) {
        if (references.startLine[i] > line || references.endLine[i] < line) continue;
        const cut = references.startLine[i] === line ? references.startCharacter[i] : from;
        tokens.add(line, from, cut - from, RECIPE, 0);
        from = references.endLine[i] === line ? references.endCharacter[i] : to;
      }
      tokens.add(line, from, to - from, RECIPE, 0);
    }
  }
}

/** The blanks a continued recipe line starts with (as `trimStart` counts them). */
const leadingBlanks = (text: string): number => text.length - text.trimStart().length;
