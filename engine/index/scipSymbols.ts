// SCIP symbol strings for make's names: `makescope make . . <root makefile>/<name>.` (variables) or `...:` (targets).
// A project's variables and targets live in the namespace of the makefile make starts from (its root makefile),
// so two separate makes in one tree (Makefile, Documentation/Makefile) keep their names apart.

/** scheme `makescope`, package manager `make`, package name and version empty ('.'). */
const PREFIX = 'makescope make . . ';

/** `<simple-identifier>` when every character may stand bare, else a backtick-escaped identifier. */
export function descriptorName(name: string): string {
  return /^[A-Za-z0-9_+\-$]+$/.test(name) ? name : `\`${name.replaceAll('`', '``')}\``;
}

/** A variable: a term descriptor (`NAME.`) under the root makefile's namespace. */
export function variableSymbol(rootMakefile: string, name: string): string {
  return `${PREFIX}${descriptorName(rootMakefile)}/${descriptorName(name)}.`;
}

/** A target (or prerequisite): a meta descriptor (`name:`), so `all` the target and `all` a variable differ. */
export function targetSymbol(rootMakefile: string, name: string): string {
  return `${PREFIX}${descriptorName(rootMakefile)}/${descriptorName(name)}:`;
}
