// GNU make 4.4's built-in functions: the signature as the GNU make manual writes it, its parameters and what it does.

export interface FunctionDoc {
  /** The call as the manual's section on the function writes it (`…` for the manual's @dots). */
  signature: string;
  /** The parameters in the order they appear in `signature`, each written exactly as there. */
  parameters: readonly string[];
  doc: string;
}

function fn(signature: string, parameters: readonly string[], doc: string): FunctionDoc {
  return { signature, parameters, doc };
}

export const FUNCTIONS: Record<string, FunctionDoc> = {
  subst: fn(
    '$(subst from,to,text)',
    ['from', 'to', 'text'],
    'Replaces every occurrence of `from` in `text` by `to`.',
  ),
  patsubst: fn(
    '$(patsubst pattern,replacement,text)',
    ['pattern', 'replacement', 'text'],
    'Replaces the words of `text` that match `pattern` (one `%` wildcard) by `replacement`.',
  ),
  strip: fn(
    '$(strip string)',
    ['string'],
    'Removes leading and trailing whitespace and folds inner runs to one space.',
  ),
  findstring: fn('$(findstring find,in)', ['find', 'in'], 'Returns `find` if it occurs in `in`, else empty.'),
  filter: fn(
    '$(filter pattern…,text)',
    ['pattern…', 'text'],
    'Keeps the words of `text` that match any pattern.',
  ),
  'filter-out': fn(
    '$(filter-out pattern…,text)',
    ['pattern…', 'text'],
    'Removes the words of `text` that match any pattern.',
  ),
  sort: fn('$(sort list)', ['list'], 'Sorts the words lexically and removes duplicates.'),
  word: fn('$(word n,text)', ['n', 'text'], 'Returns the n-th word of `text` (counting from 1).'),
  wordlist: fn('$(wordlist s,e,text)', ['s', 'e', 'text'], 'Returns the words from the s-th to the e-th.'),
  words: fn('$(words text)', ['text'], 'Returns the number of words in `text`.'),
  firstword: fn('$(firstword names…)', ['names…'], 'Returns the first word.'),
  lastword: fn('$(lastword names…)', ['names…'], 'Returns the last word.'),
  dir: fn(
    '$(dir names…)',
    ['names…'],
    'Returns the directory part of each file name (up to the last slash).',
  ),
  notdir: fn('$(notdir names…)', ['names…'], 'Returns each file name without its directory part.'),
  suffix: fn('$(suffix names…)', ['names…'], 'Returns the suffix (from the last dot) of each file name.'),
  basename: fn('$(basename names…)', ['names…'], 'Returns each file name without its suffix.'),
  addsuffix: fn('$(addsuffix suffix,names…)', ['suffix', 'names…'], 'Appends `suffix` to each word.'),
  addprefix: fn('$(addprefix prefix,names…)', ['prefix', 'names…'], 'Prepends `prefix` to each word.'),
  join: fn('$(join list1,list2)', ['list1', 'list2'], 'Concatenates the two lists word by word.'),
  wildcard: fn(
    '$(wildcard pattern)',
    ['pattern'],
    'Lists the existing files that match the shell patterns, evaluated when the text is expanded.',
  ),
  realpath: fn(
    '$(realpath names…)',
    ['names…'],
    'Canonical absolute name of each existing file (symlinks resolved).',
  ),
  abspath: fn('$(abspath names…)', ['names…'], 'Absolute name of each file, without resolving symlinks.'),
  if: fn(
    '$(if condition,then-part[,else-part])',
    ['condition', 'then-part', 'else-part'],
    'Expands `then-part` if `condition` expands to a non-empty text, else `else-part`; the part not chosen is never expanded.',
  ),
  or: fn(
    '$(or condition1[,condition2[,condition3…]])',
    ['condition1', 'condition2', 'condition3…'],
    'Returns the first argument that expands to a non-empty text; the ones after it are not expanded.',
  ),
  and: fn(
    '$(and condition1[,condition2[,condition3…]])',
    ['condition1', 'condition2', 'condition3…'],
    'Returns the last argument if every one expands to a non-empty text, else empty; stops at the first empty one.',
  ),
  intcmp: fn(
    '$(intcmp lhs,rhs[,lt-part[,eq-part[,gt-part]]])',
    ['lhs', 'rhs', 'lt-part', 'eq-part', 'gt-part'],
    'Compares two integers and expands the part for less, equal or greater (GNU make 4.4 and later).',
  ),
  let: fn(
    '$(let var [var ...],[list],text)',
    ['var [var ...]', '[list]', 'text'],
    'Binds the variables to the words of `list` (the last one takes the rest) while expanding `text` (GNU make 4.4).',
  ),
  foreach: fn(
    '$(foreach var,list,text)',
    ['var', 'list', 'text'],
    'Expands `text` once per word of `list`, with `var` set to that word.',
  ),
  file: fn(
    '$(file op filename[,text])',
    ['op filename', 'text'],
    'Writes (`>`, `>>`) `text` to a file or reads (`<`) it, when expanded.',
  ),
  call: fn(
    '$(call variable,param,param,…)',
    ['variable', 'param', 'param', '…'],
    'Expands `variable` with `$(1)`, `$(2)`… set to the parameters.',
  ),
  value: fn('$(value variable)', ['variable'], 'Returns the value of a variable without expanding it.'),
  eval: fn(
    '$(eval text)',
    ['text'],
    'Parses the expansion of `text` as makefile syntax: it can define rules and variables.',
  ),
  origin: fn(
    '$(origin variable)',
    ['variable'],
    'Tells where a variable came from: `undefined`, `default`, `environment`, `file`, `command line`, `override`, `automatic`…',
  ),
  flavor: fn(
    '$(flavor variable)',
    ['variable'],
    'Tells how a variable expands: `undefined`, `recursive` or `simple`.',
  ),
  shell: fn(
    '$(shell command)',
    ['command'],
    'Runs `command` in a shell when expanded and returns its output, newlines turned into spaces. Runs while the makefile is read, even under `-n`.',
  ),
  error: fn('$(error text…)', ['text…'], 'Stops make with a fatal error showing `text`, when expanded.'),
  warning: fn('$(warning text…)', ['text…'], 'Prints `text` with the makefile name and line, when expanded.'),
  info: fn('$(info text…)', ['text…'], 'Prints `text` to standard output, when expanded.'),
  guile: fn(
    '$(guile expression)',
    ['expression'],
    'Evaluates a Guile expression (when make is built with Guile).',
  ),
};
