// The facts of one project every lint rule reads (targets, .PHONY, rules by target, edges, assignments): one pass, shared.
import type { FileIndex, PrerequisiteSite, TargetDefinition } from '../analysis/fileIndex';
import { SPECIAL_TARGETS } from '../analysis/makeBuiltinDocs';
import type { Rule, Word } from '../parser/ast';

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

/**
 * Read once per lint pass instead of once per rule: each rule used to walk the project's targets and
 * prerequisites itself (and the tree's lists are built anew at each read), so a 30,000-line file was
 * walked a dozen times over. The facts every pass needs come from one walk of every rule, in reading
 * order, that allocates little (a lint right after a parse pays for each collection the young heap
 * needs); the facts only some rules need are built when first asked for.
 */
export class ProjectIndex {
  /** Every name some rule lists as a target, special targets included. */
  readonly targetNames = new Set<string>();
  /** Every name listed as a prerequisite of `.PHONY`. */
  readonly phony = new Set<string>();
  /** Edges between literal, non-special names, in reading order (prerequisite by prerequisite, then target). */
  readonly edges: Edge[] = [];
  /** Per file: each `.PHONY` target's prerequisites (order-only ones apart), in reading order. */
  private readonly phonyWords = new Map<FileIndex, Word[]>();
  /** Per file: the prerequisite sites that name a target of their own rule (literal, not special). */
  private readonly selfSites = new Map<FileIndex, PrerequisiteSite[]>();
  private sawPhony = false;
  private byTarget: Map<string, Rule[]> | undefined;
  private assigned: { name: string; value: string }[] | undefined;
  private wanted: { listed: Set<string>; needed: Set<string> } | undefined;

  constructor(readonly files: readonly FileIndex[]) {
    for (const file of files) {
      const phonyWords: Word[] = [];
      const selfSites: PrerequisiteSite[] = [];
      this.phonyWords.set(file, phonyWords);
      this.selfSites.set(file, selfSites);
      eachRule(file, (targets, from, to, sites, first, last) => {
        let fileTargets = false;
        for (let t = from; t < to; t++) {
          const name = (targets[t] as TargetDefinition).name;
          if (name !== '.PHONY') {
            this.targetNames.add(name);
            if (!fileTargets && isFileName(name)) fileTargets = true;
            continue;
          }
          // Added once: a generated file has thousands of `.PHONY` rules, each name a string to hash.
          if (!this.sawPhony) this.targetNames.add(name);
          this.sawPhony = true;
          for (let s = first; s < last; s++) {
            const site = sites[s] as PrerequisiteSite;
            if (site.orderOnly) break;
            this.phony.add(site.name);
            phonyWords.push(site.word);
          }
        }
        if (fileTargets) this.addEdges(file.uri, selfSites, targets, from, to, sites, first, last);
      });
    }
  }

  /** The prerequisites `.PHONY` lists in `file` (once per `.PHONY` target of a rule), in reading order. */
  phonyEntries(file: FileIndex): readonly Word[] {
    return this.phonyWords.get(file) ?? new ProjectIndex([file]).phonyEntries(file);
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

  /** The prerequisites of a rule with a target other than `.PHONY`: make knows them as targets too. */
  get listedByTargets(): ReadonlySet<string> {
    return this.prerequisitesWanted().listed;
  }

  /** Prerequisites of a rule with a target other than `.PHONY` and than themselves: what something needs. */
  get needed(): ReadonlySet<string> {
    return this.prerequisitesWanted().needed;
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

  private prerequisitesWanted(): { listed: Set<string>; needed: Set<string> } {
    if (this.wanted) return this.wanted;
    const wanted = { listed: new Set<string>(), needed: new Set<string>() };
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
          wanted.listed.add(name);
          if (twoOthers || other !== name) wanted.needed.add(name);
        }
      });
    }
    return (this.wanted = wanted);
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
 * Calls `visit` for each rule of `file` with its targets, `targets[from..to)`, and its prerequisite
 * sites, `sites[first..last)` (order-only ones last): read from the file index's lists, where the
 * entries of one rule follow each other, instead of building each rule's lists (a one-item list is
 * a new array at each read).
 */
function eachRule(file: FileIndex, visit: RuleVisit): void {
  const targets = file.targets;
  const sites = file.prerequisites;
  let t = 0;
  let s = 0;
  for (const statement of file.statements) {
    if (statement.type !== 'rule') continue;
    const from = t;
    while (t < targets.length && targets[t]?.rule === statement) t++;
    const first = s;
    while (s < sites.length && sites[s]?.rule === statement) s++;
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
