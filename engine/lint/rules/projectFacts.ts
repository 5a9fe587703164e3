// Facts about a project the rules share (phony names, special targets, which words name which files), read from its index.
import type { FileIndex, IncludeSite, PrerequisiteSite } from '../../analysis/fileIndex';
import type { WorkspaceModel } from '../../analysis/workspaceModel';
import type { Rule } from '../../parser/ast';
import { isLiteralName, projectIndex } from '../projectIndex';

/** True when some file of the project names `special` (`.ONESHELL`, `.POSIX`) as a target. */
export function hasSpecialTarget(project: readonly FileIndex[], special: string): boolean {
  return projectIndex(project).isTarget(special);
}

/**
 * The file's rules that list two or more prerequisites (order-only ones included), each with its
 * prerequisite sites: read from the index, where a rule's sites follow each other, instead of
 * building every rule's lists to count them.
 */
export function rulesListingTwo(index: FileIndex): { rule: Rule; sites: PrerequisiteSite[] }[] {
  const result: { rule: Rule; sites: PrerequisiteSite[] }[] = [];
  const sites = index.prerequisites;
  for (let from = 0; from < sites.length; ) {
    const rule = sites[from]?.rule;
    let to = from + 1;
    while (to < sites.length && sites[to]?.rule === rule) to++;
    if (rule && to - from >= 2) result.push({ rule, sites: sites.slice(from, to) });
    from = to;
  }
  return result;
}

/** A recipe line's command with its `@`, `-`, `+` prefixes and the blanks among them removed. */
const PREFIXES = /^[@+\-\s]*/;

export function commandText(text: string): { command: string; offset: number } {
  const match = PREFIXES.exec(text);
  const offset = match ? match[0].length : 0;
  return { command: text.slice(offset), offset };
}

const MAX_WILDCARDS = 8;

/** Compiled matchers of non-literal target words, shared by every call (a word is matched against many names). */
const matchers = new Map<string, RegExp | undefined>();
const MAX_MATCHERS = 10_000;

/**
 * Whether a target word may name `file` once make expands it: exact for a literal name; for a
 * pattern (`%`) or a word with references (`$(OBJDIR)/%.o`), each of those may stand for anything.
 */
export function mayName(targetWord: string, file: string): boolean {
  if (isLiteralName(targetWord)) return targetWord === file;
  let matcher = matchers.get(targetWord);
  if (!matchers.has(targetWord)) {
    const parts = targetWord.split(/\$\([^)]*\)|\$\{[^}]*\}|\$.|%/);
    // Many wildcards make the match slow and say little: count such a word as a possible name.
    matcher =
      parts.length > MAX_WILDCARDS ? undefined : new RegExp(`^${parts.map(escapeRegExp).join('.*')}$`);
    if (matchers.size >= MAX_MATCHERS) matchers.clear();
    matchers.set(targetWord, matcher);
  }
  return matcher === undefined || matcher.test(file);
}

/** Whether some of these target words may name `file`: literal words are looked up, the others matched. */
export function someMayName(targets: TargetWords, file: string): boolean {
  if (targets.literal.has(file)) return true;
  for (const word of targets.patterns) if (mayName(word, file)) return true;
  return false;
}

/** A project's target words, literal ones in a set: `someMayName` looks each name up instead of trying every target. */
export interface TargetWords {
  literal: ReadonlySet<string>;
  patterns: ReadonlySet<string>;
}

export function targetWords(names: Iterable<string>): TargetWords {
  const literal = new Set<string>();
  const patterns = new Set<string>();
  for (const name of names) (isLiteralName(name) ? literal : patterns).add(name);
  return { literal, patterns };
}

const automaticPatterns = new Map<string, RegExp>();
const ESCAPED_DOLLAR = /\$\$/g;

/** Whether a recipe line reads one of these automatic variables (`^+?<`), also as `$(^D)`, `${<F}`. */
export function readsAutomatic(text: string, names: string): boolean {
  let pattern = automaticPatterns.get(names);
  if (!pattern) {
    const set = names.replace(/[\]\\^-]/g, '\\$&');
    pattern = new RegExp(`\\$(?:[${set}]|[({][${set}][DF]?[)}])`);
    automaticPatterns.set(names, pattern);
  }
  return pattern.test(text.includes('$$') ? text.replace(ESCAPED_DOLLAR, '') : text);
}

/**
 * One computed fact per project, kept while the workspace model hands out the same project array
 * (one lint pass, and every file of an unchanged project): the rules share it instead of each building it.
 */
export function perProject<T>(
  cache: WeakMap<readonly FileIndex[], T>,
  project: readonly FileIndex[],
  build: () => T,
): T {
  let value = cache.get(project);
  if (value === undefined) {
    value = build();
    cache.set(project, value);
  }
  return value;
}

/** Every rule of the project by each name it lists as a target, in reading order. */
export function rulesByTarget(project: readonly FileIndex[]): ReadonlyMap<string, Rule[]> {
  return projectIndex(project).rulesByTarget;
}

/** The include words the workspace cannot follow to a file that exists (in reading order, per file). */
export function unfollowedIncludes(model: WorkspaceModel, project: readonly FileIndex[]): IncludeSite[] {
  return project.flatMap((file) =>
    model
      .includesOf(file.uri)
      .filter((include) => !include.targetUri)
      .map((include) => include.site),
  );
}

/**
 * True when make may read a makefile the workspace does not see: an include whose name only make
 * can expand, or one a rule of the project may generate. A literal name with no rule is simply absent.
 */
export function hasUnknownIncludes(model: WorkspaceModel, project: readonly FileIndex[]): boolean {
  const unfollowed = unfollowedIncludes(model, project);
  if (unfollowed.length === 0) return false;
  const targets = projectTargetWords(project);
  return unfollowed.some(
    (site) =>
      !isLiteralName(site.word.text) || /[*?[]/.test(site.word.text) || someMayName(targets, site.word.text),
  );
}

const targetWordsCache = new WeakMap<readonly FileIndex[], TargetWords>();

/** Every target word of the project, for `someMayName`. */
export function projectTargetWords(project: readonly FileIndex[]): TargetWords {
  return perProject(targetWordsCache, project, () => targetWords(projectIndex(project).targetNames()));
}

/** `text` matched literally inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A makefile a tool wrote (cmake, automake, configure): its first comment says so, and nobody edits it by hand. */
export function isGenerated(file: FileIndex): boolean {
  const first = file.parsed.comments[0];
  return first !== undefined && first.range.start.line < 3 && /\bgenerated\b|DO NOT EDIT/i.test(first.text);
}

const LISTS_PREREQUISITES = '^+?<';

/**
 * Variables whose value reads the prerequisites ($^ $+ $? $<), directly or through another such
 * variable: kbuild's `cmd_link = $(LD) -o $@ $^`, used as `$(call cmd,link)`.
 */
function prerequisiteReaders(project: readonly FileIndex[], names: string): ReadonlySet<string> {
  const byNames = perProject(readersCache, project, () => new Map<string, ReadonlySet<string>>());
  let readers = byNames.get(names);
  if (!readers) {
    readers = readersAmong(projectIndex(project).assignments, names);
    byNames.set(names, readers);
  }
  return readers;
}

const readersCache = new WeakMap<readonly FileIndex[], Map<string, ReadonlySet<string>>>();

/**
 * The variables that read `names` directly, then every variable that mentions one of them, and so on:
 * walked from each reader to the variables that mention it, so a long chain costs its length, not its square.
 */
function readersAmong(assignments: readonly { name: string; value: string }[], names: string): Set<string> {
  const readers = new Set<string>();
  const queue: string[] = [];
  const direct = assignments.map(({ name, value }) => {
    if (!readsAutomatic(value, names)) return false;
    if (!readers.has(name)) queue.push(name);
    readers.add(name);
    return true;
  });
  // Most projects have no such variable: nothing can then read one through another, and no value need
  // be searched for the names it mentions (a tenth of the lint of a 100,000-line file).
  if (queue.length === 0) return readers;
  const mentionedBy = new Map<string, string[]>();
  for (const [at, { name, value }] of assignments.entries()) {
    if (direct[at]) continue;
    for (const mentioned of mentions(value)) {
      const list = mentionedBy.get(mentioned);
      if (list) list.push(name);
      else mentionedBy.set(mentioned, [name]);
    }
  }
  for (let reader = queue.pop(); reader !== undefined; reader = queue.pop()) {
    for (const name of mentionedBy.get(reader) ?? []) {
      if (readers.has(name)) continue;
      readers.add(name);
      queue.push(name);
    }
  }
  return readers;
}

const MENTION = /\$[({](?:call\s+)?([^\s$(){}:,=]+)/g;
const CALL_ARGUMENT = /\$[({]call\s+[^,)}]*,\s*([^\s$(){}:,=]+)/g;

/** The names `text` mentions as `$(NAME...`, `${NAME...` or a `$(call NAME,` argument. */
function mentions(text: string): string[] {
  if (!text.includes('$')) return [];
  const names: string[] = [];
  for (const match of text.matchAll(MENTION)) names.push(match[1] ?? '');
  if (text.includes('call')) for (const match of text.matchAll(CALL_ARGUMENT)) names.push(match[1] ?? '');
  return names;
}

/** Whether `text` names one of `names` as `$(NAME...`, `${NAME...` or a `$(call NAME,` argument. */
function mentionsAny(text: string, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  return mentions(text).some((name) => names.has(name));
}

/**
 * Whether a recipe line reads these automatic variables (default: every one that lists the
 * prerequisites), written out or through a variable that does (`$(call if_changed,link)`).
 */
export function recipeReadsPrerequisites(
  project: readonly FileIndex[],
  names: string = LISTS_PREREQUISITES,
): (text: string) => boolean {
  const readers = prerequisiteReaders(project, names);
  return (text) => readsAutomatic(text, names) || mentionsAny(text, readers);
}
