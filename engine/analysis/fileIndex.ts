// Flattens one parsed Makefile into the definitions, targets, prerequisites and includes it holds.
import type {
  Assignment,
  Include,
  ParsedMakefile,
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
  visit(parsed.statements, index);
  return index;
}

function visit(statements: Statement[], index: FileIndex): void {
  for (const statement of statements) {
    if (statement.type === 'conditional') {
      for (const branch of statement.branches) visit(branch.body, index);
      continue;
    }
    index.statements.push(statement);
    switch (statement.type) {
      case 'assignment':
        index.variables.push({
          name: statement.name.text,
          uri: index.uri,
          nameRange: statement.name.range,
          statement,
          targets: statement.targets,
        });
        break;
      case 'variable-directive':
        // `export A B` defines A and B (empty) when they are not defined yet; `undefine` does not.
        if (statement.directive === 'export') {
          for (const name of statement.names) {
            index.variables.push({ name: name.text, uri: index.uri, nameRange: name.range, statement });
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
