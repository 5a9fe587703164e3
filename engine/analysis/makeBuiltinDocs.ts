// What GNU make defines by itself: automatic variables, functions, special targets and default variables.

export { FUNCTIONS, type FunctionDoc } from './makeFunctionDocs';

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
