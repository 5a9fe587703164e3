// The model of make's database (`make -p`): variables, files with their rules, pattern rules, vpath.
export type VariableFlavor = 'recursive' | 'simple' | 'append';

export interface DbVariable {
  name: string;
  /** make's origin words: default, environment, makefile, command line, 'override' directive, ... */
  origin: string;
  flavor: VariableFlavor;
  /** The value as make stores it (simple variables: already expanded, `$` undoubled). */
  value: string;
  file?: string;
  line?: number;
  private: boolean;
}

export interface DbRecipe {
  lines: string[];
  file?: string;
  line?: number;
  builtin: boolean;
}

export interface DbFile {
  name: string;
  prerequisites: string[];
  orderOnly: string[];
  doubleColon: boolean;
  isTarget: boolean;
  phony: boolean;
  precious: boolean;
  builtin: boolean;
  intermediate: boolean;
  secondary: boolean;
  /** 'missing', 'never-checked', 'very-old', or make's "Last modified" timestamp text. */
  state: string;
  updated: boolean;
  /** "Successfully updated", "Needs to be updated (-q is set)", ... */
  updateStatus?: string;
  stem?: string;
  /** The automatic variables (`@`, `<`, `^`, `+`, `?`, `*`, `|`, `%`) make printed for a file it considered. */
  automatic?: Record<string, string>;
  recipe?: DbRecipe;
  targetVariables: DbVariable[];
}

export interface DbPatternRule {
  targets: string[];
  prerequisites: string[];
  orderOnly: string[];
  terminal: boolean;
  recipe?: DbRecipe;
}

export interface DbPatternVariable {
  pattern: string;
  variable: DbVariable;
}

export interface DbVpath {
  pattern: string;
  directories: string[];
}

export interface MakeDatabase {
  makeVersion?: string;
  variables: DbVariable[];
  files: DbFile[];
  patternRules: DbPatternRule[];
  patternVariables: DbPatternVariable[];
  vpaths: DbVpath[];
  generalVpath: string[];
  /** Number of databases seen (sub-makes print their own); one is kept (first or last). */
  databases: number;
}
