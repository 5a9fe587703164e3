// What GNU make defines by itself: automatic variables, functions, special targets and default variables.

export interface BuiltinDoc {
  signature: string;
  doc: string;
}

export const AUTOMATIC_VARIABLES: Record<string, string> = {
  '@': 'The file name of the target of the rule (for an archive member rule, the archive).',
  '%': 'The member name when the target is an archive member `lib(member.o)`, else empty.',
  '<': 'The name of the first prerequisite.',
  '?': 'The names of all prerequisites that are newer than the target, separated by spaces.',
  '^': 'The names of all normal prerequisites, duplicates removed, separated by spaces.',
  '+': 'Like `$^`, but keeping duplicates in the order they were listed.',
  '|': 'The names of all order-only prerequisites.',
  '*': 'The stem that an implicit or static pattern rule matched (the part `%` stood for).',
};

/** `$(@D)`, `$(<F)` and friends: directory and file parts of the automatic variables. */
export function automaticVariableDoc(name: string): string | undefined {
  if (AUTOMATIC_VARIABLES[name]) return AUTOMATIC_VARIABLES[name];
  const base = name[0];
  const part = name.slice(1);
  if (name.length === 2 && base && AUTOMATIC_VARIABLES[base] && (part === 'D' || part === 'F')) {
    const what = part === 'D' ? 'directory part (without the trailing slash)' : 'file-within-directory part';
    return `The ${what} of \`$${base}\`: ${AUTOMATIC_VARIABLES[base]}`;
  }
  return undefined;
}

export const FUNCTIONS: Record<string, BuiltinDoc> = {
  subst: {
    signature: '$(subst from,to,text)',
    doc: 'Replaces every occurrence of `from` in `text` by `to`.',
  },
  patsubst: {
    signature: '$(patsubst pattern,replacement,text)',
    doc: 'Replaces the words of `text` that match `pattern` (one `%` wildcard) by `replacement`.',
  },
  strip: {
    signature: '$(strip string)',
    doc: 'Removes leading and trailing whitespace and folds inner runs to one space.',
  },
  findstring: { signature: '$(findstring find,in)', doc: 'Returns `find` if it occurs in `in`, else empty.' },
  filter: {
    signature: '$(filter pattern...,text)',
    doc: 'Keeps the words of `text` that match any pattern.',
  },
  'filter-out': {
    signature: '$(filter-out pattern...,text)',
    doc: 'Removes the words of `text` that match any pattern.',
  },
  sort: { signature: '$(sort list)', doc: 'Sorts the words lexically and removes duplicates.' },
  word: { signature: '$(word n,text)', doc: 'Returns the n-th word of `text` (counting from 1).' },
  words: { signature: '$(words text)', doc: 'Returns the number of words in `text`.' },
  wordlist: { signature: '$(wordlist s,e,text)', doc: 'Returns the words from the s-th to the e-th.' },
  firstword: { signature: '$(firstword names...)', doc: 'Returns the first word.' },
  lastword: { signature: '$(lastword names...)', doc: 'Returns the last word.' },
  dir: {
    signature: '$(dir names...)',
    doc: 'Returns the directory part of each file name (up to the last slash).',
  },
  notdir: { signature: '$(notdir names...)', doc: 'Returns each file name without its directory part.' },
  suffix: {
    signature: '$(suffix names...)',
    doc: 'Returns the suffix (from the last dot) of each file name.',
  },
  basename: { signature: '$(basename names...)', doc: 'Returns each file name without its suffix.' },
  addsuffix: { signature: '$(addsuffix suffix,names...)', doc: 'Appends `suffix` to each word.' },
  addprefix: { signature: '$(addprefix prefix,names...)', doc: 'Prepends `prefix` to each word.' },
  join: { signature: '$(join list1,list2)', doc: 'Concatenates the two lists word by word.' },
  wildcard: {
    signature: '$(wildcard pattern...)',
    doc: 'Lists the existing files that match the shell patterns, evaluated when the text is expanded.',
  },
  realpath: {
    signature: '$(realpath names...)',
    doc: 'Canonical absolute name of each existing file (symlinks resolved).',
  },
  abspath: {
    signature: '$(abspath names...)',
    doc: 'Absolute name of each file, without resolving symlinks.',
  },
  error: {
    signature: '$(error text...)',
    doc: 'Stops make with a fatal error showing `text`, when expanded.',
  },
  warning: {
    signature: '$(warning text...)',
    doc: 'Prints `text` with the makefile name and line, when expanded.',
  },
  info: { signature: '$(info text...)', doc: 'Prints `text` to standard output, when expanded.' },
  shell: {
    signature: '$(shell command)',
    doc: 'Runs `command` in a shell when expanded and returns its output, newlines turned into spaces. Runs while the makefile is read, even under `-n`.',
  },
  origin: {
    signature: '$(origin variable)',
    doc: 'Tells where a variable came from: `undefined`, `default`, `environment`, `file`, `command line`, `override`, `automatic`…',
  },
  flavor: {
    signature: '$(flavor variable)',
    doc: 'Tells how a variable expands: `undefined`, `recursive` or `simple`.',
  },
  foreach: {
    signature: '$(foreach var,list,text)',
    doc: 'Expands `text` once per word of `list`, with `var` set to that word.',
  },
  if: {
    signature: '$(if condition,then[,else])',
    doc: 'Expands `then` if `condition` is non-empty, else `else`.',
  },
  or: { signature: '$(or condition1[,condition2...])', doc: 'Returns the first non-empty argument.' },
  and: {
    signature: '$(and condition1[,condition2...])',
    doc: 'Returns the last argument if all are non-empty, else empty.',
  },
  intcmp: {
    signature: '$(intcmp lhs,rhs[,lt[,eq[,gt]]])',
    doc: 'Compares two integers (GNU make 4.4 and later).',
  },
  call: {
    signature: '$(call variable,param,...)',
    doc: 'Expands `variable` with `$(1)`, `$(2)`… set to the parameters.',
  },
  value: { signature: '$(value variable)', doc: 'Returns the value of a variable without expanding it.' },
  eval: {
    signature: '$(eval text)',
    doc: 'Parses the expansion of `text` as makefile syntax: it can define rules and variables.',
  },
  file: {
    signature: '$(file op filename[,text])',
    doc: 'Writes (`>`, `>>`) or reads (`<`) a file when expanded.',
  },
  let: {
    signature: '$(let var...,list,text)',
    doc: 'Binds variables to the words of `list` while expanding `text` (GNU make 4.4).',
  },
  guile: {
    signature: '$(guile expression)',
    doc: 'Evaluates a Guile expression (when make is built with Guile).',
  },
};

export const SPECIAL_TARGETS: Record<string, string> = {
  '.PHONY':
    'Its prerequisites are not files: their recipes run whenever they are asked for, whatever exists on disk.',
  '.SUFFIXES': 'The suffixes used by old-fashioned suffix rules; with no prerequisites it clears the list.',
  '.DEFAULT': 'The recipe used for any target that has no rule.',
  '.PRECIOUS': 'Its prerequisites are not deleted when make is interrupted, nor as intermediate files.',
  '.INTERMEDIATE': 'Its prerequisites are intermediate files: deleted after use, not rebuilt when missing.',
  '.NOTINTERMEDIATE': 'Its prerequisites are never treated as intermediate (GNU make 4.4).',
  '.SECONDARY': 'Its prerequisites are intermediate but never deleted.',
  '.SECONDEXPANSION':
    'Prerequisites after this point are expanded a second time when the rule is used (`$$@` works there).',
  '.DELETE_ON_ERROR':
    'A target whose recipe fails is deleted, so a half-written file does not look up to date.',
  '.IGNORE': 'Errors in the recipes of its prerequisites are ignored (all recipes when it has none).',
  '.LOW_RESOLUTION_TIME':
    'Its prerequisites have coarse timestamps, so make compares them at one-second resolution.',
  '.SILENT': 'The recipes of its prerequisites are not echoed (all recipes when it has none).',
  '.EXPORT_ALL_VARIABLES': 'Exports every variable to the recipes\u2019 environment.',
  '.NOTPARALLEL':
    'Runs the targets of this makefile one at a time even with `-j` (with prerequisites in 4.4: only theirs).',
  '.ONESHELL': 'Each recipe runs in one shell instead of one shell per line.',
  '.POSIX': 'Makes make follow POSIX behaviour for this makefile.',
  '.WAIT':
    'In a prerequisite list: everything before it is finished before anything after it starts (GNU make 4.4).',
};

/** Variables that make defines by itself, so a reference to them is never "undefined". */
export const MAKE_DEFINED_VARIABLES = new Set([
  ...'AR ARFLAGS AS CC CO COFLAGS CPP CTANGLE CWEAVE CXX F77 F77FLAGS FC GET LD LEX LINT M2C MAKE MAKEFILES MAKEINFO MAKE_COMMAND MAKE_HOST MAKE_VERSION OBJC OUTPUT_OPTION PC RM SUFFIXES TANGLE TEX TEXI2DVI WEAVE YACC'.split(
    ' ',
  ),
  ...'COMPILE.C COMPILE.F COMPILE.S COMPILE.c COMPILE.cc COMPILE.cpp COMPILE.def COMPILE.f COMPILE.m COMPILE.mod COMPILE.p COMPILE.r COMPILE.s LEX.l LEX.m LINK.C LINK.F LINK.S LINK.c LINK.cc LINK.cpp LINK.f LINK.m LINK.o LINK.p LINK.r LINK.s LINT.c PREPROCESS.F PREPROCESS.S PREPROCESS.r YACC.m YACC.y'.split(
    ' ',
  ),
  ...'.FEATURES .INCLUDE_DIRS .LIBPATTERNS .LOADED .RECIPEPREFIX .SHELLFLAGS .VARIABLES .DEFAULT_GOAL .EXTRA_PREREQS'.split(
    ' ',
  ),
  ...'CURDIR SHELL MAKEFLAGS MFLAGS GNUMAKEFLAGS MAKECMDGOALS MAKEFILE_LIST MAKELEVEL MAKEOVERRIDES MAKE_RESTARTS MAKE_TERMOUT MAKE_TERMERR VPATH GPATH -*-command-variables-*-'.split(
    ' ',
  ),
]);

/** Targets that are conventionally not files, so they belong in `.PHONY`. */
export const CONVENTIONAL_PHONY_TARGETS = new Set([
  'all',
  'clean',
  'distclean',
  'mostlyclean',
  'maintainer-clean',
  'realclean',
  'install',
  'uninstall',
  'test',
  'tests',
  'check',
  'installcheck',
  'lint',
  'format',
  'help',
  'dist',
  'distcheck',
  'run',
  'debug',
  'release',
]);
