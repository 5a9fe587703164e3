// The syntax tree of one Makefile: plain data with LSP-shaped ranges, produced by parseMakefile().

/** Zero-based line and UTF-16 column, the same shape as an LSP Position. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A piece of source text with its exact range (a target name, a prerequisite, an include path...). */
export interface Word {
  text: string;
  range: Range;
}

export type AssignmentOperator = '=' | ':=' | '::=' | ':::=' | '?=' | '+=' | '!=';

export type VariableModifier = 'override' | 'export' | 'unexport' | 'private';

/** Where a reference appears; recipes and rule headers are expanded at different times by make. */
export type ReferenceContext =
  | 'assignment-name'
  | 'assignment-value'
  | 'target'
  | 'prerequisite'
  | 'recipe'
  | 'condition'
  | 'include'
  | 'directive';

/**
 * A `$(...)`, `${...}` or `$x` reference. For a function call (`$(patsubst a,b,c)`) `functionName`
 * is set and `name` is the function name too; `args` hold the raw argument texts with their ranges.
 * A computed reference (`$($(X)_FLAGS)`) has `computed: true` and `name` is the raw inner text.
 */
export interface Reference {
  name: string;
  /** Range of the whole reference including `$(` and `)`. */
  range: Range;
  /** Range of the name inside the reference (what rename replaces). */
  nameRange: Range;
  context: ReferenceContext;
  functionName?: string;
  args?: Word[];
  computed?: boolean;
  /** Substitution reference such as `$(SRCS:.c=.o)`. */
  substitution?: boolean;
}

export interface RecipeLine {
  /** The command text with continuations kept as written (backslash-newline pairs preserved). */
  text: string;
  range: Range;
  /** Prefix characters `@`, `-`, `+` in the order written. */
  prefixes: string;
  /** True when make runs this line even under -n/-q/-t: a `+` prefix, `$(MAKE)` or `${MAKE}`. */
  runsUnderDryRun: boolean;
}

export type RuleKind = 'explicit' | 'pattern' | 'static-pattern' | 'double-colon' | 'grouped';

export interface Rule {
  type: 'rule';
  kind: RuleKind;
  targets: Word[];
  /** For a static pattern rule `objs: %.o: %.c`, the target pattern (`%.o`). */
  targetPattern?: Word;
  prerequisites: Word[];
  orderOnly: Word[];
  /** The recipe given after `;` on the rule line, if any, is the first element. */
  recipe: RecipeLine[];
  /** From the first target to the end of the last recipe line. */
  range: Range;
  /** Just the rule line (with its continuations). */
  headerRange: Range;
  /** Set for `::` rules, whatever their kind (`%.o:: %.c` is a pattern rule that is also double-colon). */
  doubleColon?: boolean;
}

export interface Assignment {
  type: 'assignment';
  /** The variable name as written (may hold references when computed). */
  name: Word;
  /** True when the name contains a `$` reference (`OBJS-$(CONFIG_X) += a.o`). */
  computedName: boolean;
  operator: AssignmentOperator;
  /**
   * The value as make stores it: continuations joined with one space (make's rule for
   * non-recipe lines), trailing comment removed, leading whitespace stripped. For define blocks,
   * the body lines joined with newlines.
   */
  value: string;
  valueRange: Range;
  modifiers: VariableModifier[];
  /** Set for target- or pattern-specific assignments (`debug: CFLAGS += -g`). */
  targets?: Word[];
  /** True for define ... endef. */
  define: boolean;
  range: Range;
}

/** `export A B`, `unexport A`, `export` alone, `undefine X`, `override undefine X`. */
export interface VariableDirective {
  type: 'variable-directive';
  directive: 'export' | 'unexport' | 'undefine';
  names: Word[];
  modifiers: VariableModifier[];
  range: Range;
}

export interface Include {
  type: 'include';
  /** `include`, `-include` or `sinclude`. */
  directive: 'include' | '-include' | 'sinclude';
  paths: Word[];
  range: Range;
}

export interface Vpath {
  type: 'vpath';
  pattern?: Word;
  directories: Word[];
  range: Range;
}

export type ConditionalKind = 'ifeq' | 'ifneq' | 'ifdef' | 'ifndef';

export interface ConditionalBranch {
  /** Undefined for a plain `else`. */
  kind?: ConditionalKind;
  /** The raw condition text after the keyword, e.g. `($(CC),gcc)` or `DEBUG`. */
  condition?: Word;
  /** For ifeq/ifneq: the two compared texts, quotes removed. */
  operands?: [Word, Word];
  /** The line holding `ifeq ...` or `else ...`. */
  keywordRange: Range;
  body: Statement[];
  range: Range;
}

export interface Conditional {
  type: 'conditional';
  branches: ConditionalBranch[];
  /** Undefined when the conditional is never closed (a problem is reported too). */
  endifRange?: Range;
  range: Range;
}

/** A line that is none of the above (make would say "missing separator"), kept for tolerance. */
export interface Unknown {
  type: 'unknown';
  text: string;
  range: Range;
  /**
   * True for a line made only of references (`$(eval $(call ...))`, `$(info ...)`): make expands
   * it and accepts it when the expansion is empty, so no problem is reported for it.
   */
  expandsOnly?: boolean;
}

export type Statement = Rule | Assignment | VariableDirective | Include | Vpath | Conditional | Unknown;

export type ProblemCode =
  | 'missing-separator'
  | 'recipe-with-spaces'
  | 'unterminated-define'
  | 'unterminated-conditional'
  | 'else-without-if'
  | 'endif-without-if'
  | 'endef-without-define'
  | 'recipe-without-rule'
  | 'bad-conditional'
  | 'binary-content'
  | 'too-many-references';

export interface ParseProblem {
  code: ProblemCode;
  message: string;
  range: Range;
  severity: 'error' | 'warning';
}

export interface Comment {
  text: string;
  range: Range;
}

export interface ParsedMakefile {
  statements: Statement[];
  /** Every reference in source order, wherever it appears (also inside conditional branches). */
  references: Reference[];
  comments: Comment[];
  problems: ParseProblem[];
  lineCount: number;
  /** `.RECIPEPREFIX` in force at the end of the file (a tab unless changed). */
  recipePrefix: string;
}
