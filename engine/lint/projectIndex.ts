// The facts of one project every lint rule reads (targets, .PHONY, rules by target, edges, assignments): one pass, shared.
import type { FileIndex, PrerequisiteSite, TargetDefinition } from '../analysis/fileIndex';
import { SPECIAL_TARGETS } from '../analysis/makeBuiltinDocs';
import { expandStatically } from '../analysis/staticExpander';
import type { Rule, Word } from '../parser/ast';
import { targetCount } from '../parser/ruleCounts';

/** An edge target → prerequisite between two literal file names, where it is written. */
export interface Edge {
  from: string;
  to: string;
  word: Word;
  uri: string;
  orderOnly: boolean;
}

/** A target or prerequisite word make reads as one literal file name (no reference, no pattern). */
export function isLiteralName(text: string): boolean {
  return text.length > 0 && !text.includes('$') && !text.includes('%');
}

const SPECIAL_NAMES: ReadonlySet<string> = new Set(Object.keys(SPECIAL_TARGETS));

/** Names listed as targets by GNU make's special targets (`.PHONY`, `.WAIT`...): not files, not edges. */
export function isSpecialName(text: string): boolean {
  // Every special target starts with a dot: most names need no lookup.
  return text.charCodeAt(0) === DOT && SPECIAL_NAMES.has(text);
}

const DOT = 46;

/** Literal and not special: a name that can be a node of the prerequisite graph. */
function isFileName(text: string): boolean {
  return isLiteralName(text) && !isSpecialName(text);
}

/** What one name is to the project, as bits of `NameFacts.flags`. */
const TARGET = 1;
const PHONY = 2;
const LISTED = 4;
const NEEDED = 8;

/**
 * A name's facts in a box the index updates in place: one lookup per name read (a second one, to
 * store a changed number, would hash the name again), and one table for every fact instead of a
 * set per fact.
 */
interface NameFacts {
  flags: number;
}

/**
 * Read once per lint pass instead of once per rule: each rule used to walk the project's targets and
 * prerequisites itself (and the tree's lists are built anew at each read), so a 30,000-line file was
 * walked a dozen times over. The facts every pass needs come from one walk of every rule, in reading
 * order, that allocates little (a lint right after a parse pays for each collection the young heap
 * needs); the facts only some rules need are built when first asked for.
 *
 * What each name is (a target, a `.PHONY` entry, a prerequisite some rule needs) is kept in one map
 * of bit flags: a generated file lists each name as a target and again after `.PHONY`, and the two
 * sets this replaces hashed every one of those ~13,000 names into a table of its own.
 */
export class ProjectIndex {
  /** Each name some rule lists as a target or a prerequisite of `.PHONY` (later: any prerequisite), with its flags. */
  private readonly names = new Map<string, NameFacts>();
  /** Edges between literal, non-special names, in reading order (prerequisite by prerequisite, then target). */
  readonly edges: Edge[] = [];
  /** Per file: each `.PHONY` target's prerequisites (order-only ones apart), in reading order. */
  private readonly phonyWords = new Map<FileIndex, Word[]>();
  /** Per file: the `.PHONY` entries no rule had listed as a target (other than `.PHONY`) when read. */
  private readonly phonyUnsettled = new Map<FileIndex, Word[]>();
  /** The names listed as a target more than once (by two rules, or twice by one), `.PHONY` apart. */
  readonly targetsListedTwice = new Set<string>();
  /** Per file: the prerequisite sites that name a target of their own rule (literal, not special). */
  private readonly selfSites = new Map<FileIndex, PrerequisiteSite[]>();
  private sawPhony = false;
  /** The name `mark` saw last, and its facts. */
  private lastName: string | undefined;
  private lastFacts: NameFacts | undefined;
  private sawWanted = false;
  private byTarget: Map<string, Rule[]> | undefined;
  private assigned: { name: string; value: string }[] | undefined;
  private valuesByName: Map<string, string[]> | undefined;

  constructor(readonly files: readonly FileIndex[]) {
    for (const file of files) {
      const phonyWords: Word[] = [];
      const unsettled: Word[] = [];
      const selfSites: PrerequisiteSite[] = [];
      this.phonyWords.set(file, phonyWords);
      this.phonyUnsettled.set(file, unsettled);
      this.selfSites.set(file, selfSites);
      eachRule(file, (targets, from, to, sites, first, last) => {
        let fileTargets = false;
        for (let t = from; t < to; t++) {
          const name = (targets[t] as TargetDefinition).name;
          if (name !== '.PHONY') {
            if ((this.mark(name, TARGET) & TARGET) !== 0) this.targetsListedTwice.add(name);
            if (!fileTargets && isFileName(name)) fileTargets = true;
            continue;
          }
          // Marked once: a generated file has thousands of `.PHONY` rules.
          if (!this.sawPhony) this.mark(name, TARGET);
          this.sawPhony = true;
          for (let s = first; s < last; s++) {
            const site = sites[s] as PrerequisiteSite;
            if (site.orderOnly) break;
            // Kbuild's `.PHONY: $(PHONY)`, after `PHONY += all` all along the file: the names it expands to.
            if (site.name.includes('$'))
              for (const name of this.expandedNames(site.name)) this.mark(name, PHONY);
            const before = this.mark(site.name, PHONY);
            phonyWords.push(site.word);
            // A generated file writes `.PHONY : name` after the rule of `name`: most entries are settled here.
            if ((before & TARGET) === 0 || site.name === '.PHONY') unsettled.push(site.word);
          }
        }
        if (fileTargets) this.addEdges(file.uri, selfSites, targets, from, to, sites, first, last);
      });
    }
  }

  /** Whether some rule lists `name` as a target (special targets included). */
  isTarget(name: string): boolean {
    return this.has(name, TARGET);
  }

  /** Whether `.PHONY` lists `name`. */
  isPhony(name: string): boolean {
    return this.has(name, PHONY);
  }

  /** Whether a rule with a target other than `.PHONY` lists `name` as a prerequisite: make knows it as a target too. */
  isListedByTargets(name: string): boolean {
    this.prerequisitesWanted();
    return this.has(name, LISTED);
  }

  /** Whether a rule with a target other than `.PHONY` and than `name` itself lists it: something needs it. */
  isNeeded(name: string): boolean {
    this.prerequisitesWanted();
    return this.has(name, NEEDED);
  }

  /** Every name some rule lists as a target, special targets included. */
  *targetNames(): IterableIterator<string> {
    for (const [name, facts] of this.names) if ((facts.flags & TARGET) !== 0) yield name;
  }

  /** The prerequisites `.PHONY` lists in `file` (once per `.PHONY` target of a rule), in reading order. */
  phonyEntries(file: FileIndex): readonly Word[] {
    return this.phonyWords.get(file) ?? new ProjectIndex([file]).phonyEntries(file);
  }

  /**
   * The entries of `phonyEntries(file)` that no rule had listed as a target (other than `.PHONY`) when
   * they were read, in reading order: the others are targets, and MS102 need not look them up.
   */
  phonyEntriesUnsettled(file: FileIndex): readonly Word[] {
    return this.phonyUnsettled.get(file) ?? new ProjectIndex([file]).phonyEntriesUnsettled(file);
  }

  /** The prerequisite sites of `file` that name a target of their own rule: what MS115 reports. */
  selfDependencies(file: FileIndex): readonly PrerequisiteSite[] {
    return this.selfSites.get(file) ?? new ProjectIndex([file]).selfDependencies(file);
  }

  /** Every rule by each name it lists as a target, in reading order. */
  get rulesByTarget(): ReadonlyMap<string, Rule[]> {
    if (this.byTarget) return this.byTarget;
    const rules = new Map<string, Rule[]>();
    for (const file of this.files) {
      for (const target of file.targets) {
        const list = rules.get(target.name);
        if (list) list.push(target.rule);
        else rules.set(target.name, [target.rule]);
      }
    }
    return (this.byTarget = rules);
  }

  /** Every assignment of the project (name and value as written), in reading order. */
  get assignments(): readonly { name: string; value: string }[] {
    if (this.assigned) return this.assigned;
    const assignments: { name: string; value: string }[] = [];
    for (const file of this.files)
      for (const variable of file.variables)
        if (variable.statement.type === 'assignment')
          assignments.push({ name: variable.name, value: variable.statement.value });
    return (this.assigned = assignments);
  }

  /**
   * The rule's edges, prerequisite by prerequisite (order-only ones last), then target by target. Its
   * parameters are spelt out: a rest parameter destructured (`...[targets, from]`) builds an array and
   * runs the iterator protocol at each call, which made this method most of the index's time.
   */
  private addEdges(
    uri: string,
    selfSites: PrerequisiteSite[],
    targets: readonly TargetDefinition[],
    from: number,
    to: number,
    sites: readonly PrerequisiteSite[],
    first: number,
    last: number,
  ): void {
    for (let s = first; s < last; s++) {
      const site = sites[s] as PrerequisiteSite;
      const name = site.name;
      if (!isFileName(name)) continue;
      let self = false;
      for (let t = from; t < to; t++) {
        const target = (targets[t] as TargetDefinition).name;
        if (!isFileName(target)) continue;
        this.edges.push({ from: target, to: name, word: site.word, uri, orderOnly: site.orderOnly });
        if (target === name) self = true;
      }
      if (self) selfSites.push(site);
    }
  }

  /**
   * The words `text` expands to, each variable standing for every value the project assigns it (`PHONY :=
   * _all`, `PHONY += all`...: all of them, whatever their order). A value make alone can expand (a function
   * the static expander lacks) gives its literal words and the words that expand on their own. Wider than
   * make's answer at any one line, so a name is taken for `.PHONY` rather than reported unmarked.
   */
  private expandedNames(text: string, depth = 0): string[] {
    const values = this.valuesByName ?? (this.valuesByName = valuesByName(this.assignments));
    const scope = {
      lookup: (name: string) => {
        const all = values.get(name);
        return all && { value: all.join(' '), recursive: true };
      },
      currentFile: '',
      curdir: '',
      unknownIsEmpty: true,
    };
    const whole = expandStatically(text, scope);
    if (whole !== undefined) return wordsOf(whole);
    // `$(PHONY)` whose values hold something only make can expand: value by value, then word by word.
    const only = SINGLE_REFERENCE.exec(text)?.[1];
    if (only !== undefined && depth < 4)
      return (values.get(only) ?? []).flatMap((value) => this.expandedNames(value, depth + 1));
    return wordsOf(text).flatMap((word) => wordsOf(expandStatically(word, scope) ?? ''));
  }

  /** The flags `flag` added to `name`'s; returns the flags it had before (0 for a name not seen yet). */
  private mark(name: string, flag: number): number {
    // The name marked last first, compared without hashing: a generated file follows the rule of each
    // name with `.PHONY : name`, which would otherwise hash every name twice.
    let facts = name === this.lastName ? this.lastFacts : this.names.get(name);
    if (facts === undefined) {
      facts = { flags: flag };
      this.names.set(name, facts);
      this.lastName = name;
      this.lastFacts = facts;
      return 0;
    }
    this.lastName = name;
    this.lastFacts = facts;
    const before = facts.flags;
    facts.flags = before | flag;
    return before;
  }

  private has(name: string, flag: number): boolean {
    const facts = this.names.get(name);
    return facts !== undefined && (facts.flags & flag) !== 0;
  }

  /** LISTED and NEEDED on every prerequisite, once, when a rule first asks (MS102 for a name no rule makes, MS124). */
  private prerequisitesWanted(): void {
    if (this.sawWanted) return;
    this.sawWanted = true;
    for (const file of this.files) {
      eachRule(file, (targets, from, to, sites, first, last) => {
        // The rule's targets other than `.PHONY`: the first, and whether another name follows.
        let other: string | undefined;
        let twoOthers = false;
        for (let t = from; t < to; t++) {
          const name = (targets[t] as TargetDefinition).name;
          if (name === '.PHONY') continue;
          if (other === undefined) other = name;
          else if (other !== name) twoOthers = true;
        }
        if (other === undefined) return;
        for (let s = first; s < last; s++) {
          const name = (sites[s] as PrerequisiteSite).name;
          this.mark(name, twoOthers || other !== name ? LISTED | NEEDED : LISTED);
        }
      });
    }
  }
}

/** One rule's targets, `targets[from..to)`, and prerequisite sites, `sites[first..last)`. */
type RuleVisit = (
  targets: readonly TargetDefinition[],
  from: number,
  to: number,
  sites: readonly PrerequisiteSite[],
  first: number,
  last: number,
) => void;

/**
 * Calls `visit` for each rule of `file` that lists a target, with its targets, `targets[from..to)`,
 * and its prerequisite sites, `sites[first..last)` (order-only ones last): read from the file index's
 * lists, where the entries of one rule follow each other, instead of building each rule's lists (a
 * one-item list is a new array at each read). A rule without targets (`: a b`) says nothing about
 * any name and is not visited. The walk goes by the targets' rules, not the file's statements, so
 * it reads a rule's node only where a site belongs to another rule (one with no target is skipped).
 */
function eachRule(file: FileIndex, visit: RuleVisit): void {
  const targets = file.targets;
  const sites = file.prerequisites;
  let s = 0;
  for (let t = 0; t < targets.length; ) {
    const rule = (targets[t] as TargetDefinition).rule;
    const from = t;
    while (++t < targets.length && (targets[t] as TargetDefinition).rule === rule);
    // Sites before this rule's belong to rules without targets; sites of a later rule stay.
    let site = sites[s];
    while (site !== undefined && site.rule !== rule && targetCount(site.rule) === 0) site = sites[++s];
    const first = s;
    while (site !== undefined && site.rule === rule) site = sites[++s];
    visit(targets, from, t, sites, first, s);
  }
}

const cache = new WeakMap<readonly FileIndex[], ProjectIndex>();

/**
 * The project's index, kept while the workspace model hands out the same project array (one lint
 * pass, and every file of an unchanged project).
 */
export function projectIndex(project: readonly FileIndex[]): ProjectIndex {
  let index = cache.get(project);
  if (!index) {
    index = new ProjectIndex(project);
    cache.set(project, index);
  }
  return index;
}

/** `$(NAME)` or `${NAME}` alone: the name. */
const SINGLE_REFERENCE = /^\$[({]([^$():{}\s]+)[)}]$/;

/** Every value each variable is assigned, in reading order. */
function valuesByName(assignments: readonly { name: string; value: string }[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const { name, value } of assignments) {
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  }
  return values;
}

/** The blank-separated words of `text` that name a file (no reference left in them). */
function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0 && !word.includes('$'));
}
