// Flattens one parsed Makefile into the definitions, targets, prerequisites and includes it holds.
import type {
  Assignment,
  ConditionalBranch,
  Include,
  ParsedMakefile,
  Range,
  RecipeLine,
  Rule,
  Statement,
  VariableDirective,
  Word,
} from '../parser/ast';

export interface VariableDefinition {
  name: string;
  uri: string;
  nameRange: Word['range'];
  /** The assignment, or the `export A B` directive that defines the name without a value. */
  statement: Assignment | VariableDirective;
  /** Target or pattern for a target-specific definition. */
  targets?: Word[];
  /** The innermost conditional branch it is written in: whether make reads it depends on that. */
  branch?: BranchSite;
}

export interface BranchSite {
  /** As written, e.g. `ifeq ($(uname_S),Windows)`, `else ifdef DEBUG`, `else` (of `ifeq (...)`). */
  text: string;
  /** 0-based line of the `ifeq` / `else` keyword. */
  line: number;
}

export interface TargetDefinition {
  name: string;
  uri: string;
  word: Word;
  rule: Rule;
}

export interface PrerequisiteSite {
  name: string;
  uri: string;
  word: Word;
  rule: Rule;
  orderOnly: boolean;
}

export interface IncludeSite {
  uri: string;
  word: Word;
  include: Include;
}

export interface RecipeSite {
  uri: string;
  rule: Rule;
  line: RecipeLine;
}

export interface FileIndex {
  uri: string;
  parsed: ParsedMakefile;
  variables: VariableDefinition[];
  targets: TargetDefinition[];
  prerequisites: PrerequisiteSite[];
  includes: IncludeSite[];
  recipes: RecipeSite[];
  /** Every statement in source order, conditional bodies flattened in. */
  statements: Statement[];
}

export function buildFileIndex(uri: string, parsed: ParsedMakefile): FileIndex {
  const index: FileIndex = {
    uri,
    parsed,
    variables: [],
    targets: [],
    prerequisites: [],
    includes: [],
    recipes: [],
    statements: [],
  };
  visit(parsed.statements, index, undefined);
  return index;
}

function branchSite(branch: ConditionalBranch, first: ConditionalBranch, position: number): BranchSite {
  const keyword = (b: ConditionalBranch): string =>
    b.kind ? `${b.kind}${b.condition ? ` ${b.condition.text}` : ''}` : 'else';
  const text =
    position === 0
      ? keyword(branch)
      : branch.kind
        ? `else ${keyword(branch)}`
        : `else (of ${keyword(first)})`;
  return { text, line: branch.keywordRange.start.line };
}

/**
 * A variable an assignment defines. Its name's range is read from the assignment when asked: a range
 * kept per variable (a Range and two Positions) was most of what the index kept of a file with many
 * assignments, and most are never asked for.
 */
class AssignedVariable implements VariableDefinition {
  readonly name: string;
  // Set only where there is one: most variables have neither.
  declare targets?: Word[];
  declare branch?: BranchSite;

  constructor(
    readonly uri: string,
    readonly statement: Assignment,
    branch: BranchSite | undefined,
  ) {
    this.name = statement.name.text;
    if (statement.targets) this.targets = statement.targets;
    if (branch) this.branch = branch;
  }

  get nameRange(): Range {
    return this.statement.name.range;
  }
}

function visit(statements: Statement[], index: FileIndex, branch: BranchSite | undefined): void {
  for (const statement of statements) {
    if (statement.type === 'conditional') {
      const first = statement.branches[0];
      statement.branches.forEach((inner, position) =>
        visit(inner.body, index, branchSite(inner, first, position)),
      );
      continue;
    }
    index.statements.push(statement);
    switch (statement.type) {
      case 'assignment':
        index.variables.push(new AssignedVariable(index.uri, statement, branch));
        break;
      case 'variable-directive':
        // `export A B` defines A and B (empty) when they are not defined yet; `undefine` does not.
        if (statement.directive === 'export') {
          for (const name of statement.names) {
            index.variables.push({
              name: name.text,
              uri: index.uri,
              nameRange: name.range,
              statement,
              ...(branch ? { branch } : {}),
            });
          }
        }
        break;
      case 'rule':
        for (const word of statement.targets) {
          index.targets.push({ name: word.text, uri: index.uri, word, rule: statement });
        }
        for (const word of statement.prerequisites) {
          index.prerequisites.push({
            name: word.text,
            uri: index.uri,
            word,
            rule: statement,
            orderOnly: false,
          });
        }
        for (const word of statement.orderOnly) {
          index.prerequisites.push({
            name: word.text,
            uri: index.uri,
            word,
            rule: statement,
            orderOnly: true,
          });
        }
        for (const line of statement.recipe) index.recipes.push({ uri: index.uri, rule: statement, line });
        break;
      case 'include':
        for (const word of statement.paths) index.includes.push({ uri: index.uri, word, include: statement });
        break;
      default:
        break;
    }
  }
}
