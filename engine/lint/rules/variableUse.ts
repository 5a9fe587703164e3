// MS105 unused-variable, MS106 redefined-variable, MS107 shell-in-recursive: how assignments are used.
import { MAKE_DEFINED_VARIABLES } from '../../analysis/makeBuiltinDocs';
import type { FileIndex } from '../../analysis/fileIndex';
import type { Assignment, Statement } from '../../parser/ast';
import type { LintContext, RuleFinding } from '../lintTypes';
import { isLiteralName, projectIndex, type ProjectIndex } from '../projectIndex';
import { escapeRegExp, hasSpecialTarget, perProject } from './projectFacts';

/** Read by make's built-in rules or by the programs recipes run, without a `$(...)` in any makefile. */
const IMPLICITLY_USED = new Set(
  'CFLAGS CXXFLAGS CPPFLAGS LDFLAGS LDLIBS LOADLIBES ASFLAGS FFLAGS LFLAGS YFLAGS PFLAGS RFLAGS ARFLAGS TARGET_ARCH DESTDIR PREFIX prefix GOALS SUBDIRS .DEFAULT_GOAL'.split(
    ' ',
  ),
);

const NAMING_FUNCTIONS = new Set(['call', 'value', 'origin', 'flavor']);

const useCountsCache = new WeakMap<readonly FileIndex[], UseCounts>();

interface UseCounts {
  /** Per name, its uses in a box counted in place: one lookup per use instead of a get and a set. */
  counts: Map<string, { uses: number }>;
  /** Some reference computes its name (`$($(X)_FLAGS)`): any name may be used. */
  computed: boolean;
}

/** How many times each name is used in the project (counted once per project, for MS105 and MS107). */
function useCounts(project: readonly FileIndex[]): UseCounts {
  return perProject(useCountsCache, project, () => countUses(project));
}

/** References, `ifdef NAME`, `$(call NAME,...)`, `$(value NAME)`. */
function countUses(project: readonly FileIndex[]): UseCounts {
  const counts = new Map<string, { uses: number }>();
  let computed = false;
  const add = (name: string): void => {
    const count = counts.get(name);
    if (count) count.uses++;
    else counts.set(name, { uses: 1 });
  };
  for (const file of project) {
    for (const reference of file.parsed.references) {
      if (reference.computed) computed = true;
      else if (!reference.functionName) add(reference.name);
      else if (NAMING_FUNCTIONS.has(reference.functionName) && reference.args?.[0])
        add(reference.args[0].text.trim());
    }
    for (const statement of file.parsed.statements) visitConditions(statement, add);
  }
  return { counts, computed };
}

function visitConditions(statement: Statement, add: (name: string) => void): void {
  if (statement.type !== 'conditional') return;
  for (const branch of statement.branches) {
    if ((branch.kind === 'ifdef' || branch.kind === 'ifndef') && branch.condition)
      add(branch.condition.text.trim());
    for (const inner of branch.body) visitConditions(inner, add);
  }
}

/** What the project's `export` directives export: every variable (`export` alone), or these names. */
interface Exports {
  all: boolean;
  names: Set<string>;
}

function exportsOf(project: readonly FileIndex[]): Exports {
  const exports: Exports = { all: false, names: new Set() };
  for (const file of project) {
    for (const s of file.statements) {
      if (s.type !== 'variable-directive' || s.directive !== 'export') continue;
      if (s.names.length === 0) exports.all = true;
      for (const n of s.names) exports.names.add(n.text);
    }
  }
  return exports;
}

function isExported(name: string, assignment: Assignment, exports: () => Exports): boolean {
  if (assignment.modifiers.includes('export')) return true;
  const { all, names } = exports();
  return all || names.has(name);
}

export function unusedVariable({ index, project, model }: LintContext): RuleFinding[] {
  // A file included from somewhere unknown, or an include not found, may use the name: stay quiet.
  if (project.some((file) => model.includesOf(file.uri).some((include) => !include.targetUri))) return [];
  const { counts, computed } = useCounts(project);
  if (computed || hasSpecialTarget(project, '.EXPORT_ALL_VARIABLES')) return [];
  let exports: Exports | undefined;
  const projectExports = (): Exports => (exports ??= exportsOf(project));
  const result: RuleFinding[] = [];
  const reported = new Set<string>();
  for (const variable of index.variables) {
    const { name, statement } = variable;
    if (statement.type !== 'assignment' || statement.computedName || variable.targets || reported.has(name))
      continue;
    if ((counts.get(name)?.uses ?? 0) > 0 || MAKE_DEFINED_VARIABLES.has(name) || IMPLICITLY_USED.has(name))
      continue;
    if (name.startsWith('.') || isExported(name, statement, projectExports)) continue;
    reported.add(name);
    result.push({
      range: variable.nameRange,
      message: `'${name}' is assigned but never used by any makefile of the project (nor exported to recipes): a leftover, or a misspelt name.`,
    });
  }
  return result;
}

/**
 * Assignments made outside any conditional (the ones that always happen), in reading order: read
 * from the file's variables (one per assignment, with the branch it sits in) rather than from every statement.
 */
function unconditionalAssignments(file: FileIndex): Assignment[] {
  const result: Assignment[] = [];
  for (const { statement, branch } of file.variables)
    if (statement.type === 'assignment' && !statement.targets && branch === undefined) result.push(statement);
  return result;
}

const REPLACES = new Set(['=', ':=', '::=', ':::=']);

export function redefinedVariable({ index, project }: LintContext): RuleFinding[] {
  const first = new Map<string, { file: FileIndex; line: number; empty: boolean }>();
  const result: RuleFinding[] = [];
  for (const file of project) {
    for (const assignment of unconditionalAssignments(file)) {
      const name = assignment.name.text;
      if (assignment.computedName || !REPLACES.has(assignment.operator)) continue;
      const earlier = first.get(name);
      if (!earlier) {
        first.set(name, { file, line: assignment.range.start.line, empty: assignment.value.trim() === '' });
        continue;
      }
      // `X =` declares the name (or clears what the environment gave): replacing nothing loses nothing.
      if (earlier.empty) continue;
      // `X := $(X) more` builds on the earlier value, and `override` is meant to win.
      if (file !== index || assignment.modifiers.includes('override')) continue;
      if (new RegExp(`\\$[({]${escapeRegExp(name)}[)}:]`).test(assignment.value)) continue;
      const where = `${earlier.file.uri.split('/').pop() ?? ''}:${earlier.line + 1}`;
      result.push({
        range: assignment.name.range,
        message: `'${name}' is assigned again: the value set at ${where} is replaced here, so only what expanded it in between saw it.`,
      });
    }
  }
  return result;
}

/** A `$(shell` make expands: `$$(shell` is text until an `$(eval)` reads it again (git's memoized CURL_LDFLAGS). */
const SHELL_CALL = /(?<!\$)(?:\$\$)*\$[({]shell[\s)}]/;

export function shellInRecursive({ index, project }: LintContext): RuleFinding[] {
  const { counts } = useCounts(project);
  const known = projectIndex(project);
  let endings: Set<string> | undefined;
  const builtEndings = (): ReadonlySet<string> => (endings ??= targetEndings(project));
  const result: RuleFinding[] = [];
  for (const variable of index.variables) {
    const statement = variable.statement;
    if (statement.type !== 'assignment' || variable.targets) continue;
    if (statement.operator !== '=' && statement.operator !== '?=') continue;
    if (!SHELL_CALL.test(statement.value)) continue;
    const uses = counts.get(variable.name)?.uses ?? 0;
    if (uses < 2) continue;
    // Kbuild's `KERNELRELEASE = $(shell cat .kernelrelease)`, busybox's too: the command reads a file a
    // rule writes, `=` reads it again once the build has written it, and `:=` would read it before.
    if (namesBuiltFile(statement.value, known, builtEndings)) continue;
    result.push({
      range: variable.nameRange,
      message: `'${variable.name}' is recursively expanded, so its $(shell …) runs again at each of its ${uses} uses: assign it with ':=' to run the command once.`,
    });
  }
  return result;
}

/** What separates the words of a command: blanks, quotes, redirections, pipes and lists. */
const COMMAND_SEPARATORS = /[\s'"`<>|;&]+/;

/**
 * `written` without a subshell's `(` before it and the `)` closing a subshell or the `$(shell` call after
 * it. A loop, not a pattern: `[)}]+$` tried at every position of a long run of `)` is quadratic.
 */
function unenclosed(written: string): string {
  let from = 0;
  let to = written.length;
  while (from < to && written.charCodeAt(from) === 40) from++;
  for (let code = written.charCodeAt(to - 1); to > from && (code === 41 || code === 125); )
    code = written.charCodeAt(--to - 1);
  return written.slice(from, to);
}

/** A word's part after its last reference (`$(objtree)/.kernelrelease`: `.kernelrelease`), without a leading `/`. */
function afterLastReference(word: string): string {
  const end = Math.max(word.lastIndexOf(')'), word.lastIndexOf('}'));
  return word.charCodeAt(end + 1) === 47 ? word.slice(end + 2) : word.slice(end + 1);
}

/**
 * Whether a word of `value` names a file some rule of the project lists as its target: written out
 * (`.kernelrelease`, `./.kernelrelease`), or as the literal end of a word that starts with a reference
 * (`$(objtree)/.kernelrelease` for a target `.kernelrelease` or `dir/.kernelrelease`), looked up in
 * `endings` (built when first needed, once per lint of the file).
 */
function namesBuiltFile(value: string, known: ProjectIndex, endings: () => ReadonlySet<string>): boolean {
  for (const written of value.split(COMMAND_SEPARATORS)) {
    const word = unenclosed(written);
    if (isLiteralName(word)) {
      if (known.isTarget(word.startsWith('./') ? word.slice(2) : word)) return true;
      continue;
    }
    const tail = afterLastReference(word);
    if (tail.length > 0 && isLiteralName(tail) && endings().has(tail)) return true;
  }
  return false;
}

/** How many of a target name's ends after a `/` are kept (`include/config/kernel.release` has two). */
const MAX_ENDS = 8;

/** Every target name of the project, and its last ends after a `/` (`dir/.kernelrelease`: `.kernelrelease`). */
function targetEndings(project: readonly FileIndex[]): Set<string> {
  const endings = new Set<string>();
  for (const file of project)
    for (const { name } of file.targets) {
      endings.add(name);
      // The last few only: a hostile name of a million slashes would otherwise hash a million long slices.
      let at = name.length;
      for (let ends = 0; ends < MAX_ENDS && at > 0; ends++) {
        at = name.lastIndexOf('/', at - 1);
        if (at < 0) break;
        endings.add(name.slice(at + 1));
      }
    }
  return endings;
}
