// The facts of one project every lint rule reads (targets, .PHONY, rules by target, edges, assignments): one pass, shared.
import type { FileIndex } from '../analysis/fileIndex';
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
  private byTarget: Map<string, Rule[]> | undefined;
  private assigned: { name: string; value: string }[] | undefined;
  private wanted: { listed: Set<string>; needed: Set<string> } | undefined;

  constructor(readonly files: readonly FileIndex[]) {
    for (const file of files)
      for (const statement of file.statements)
        if (statement.type === 'rule') this.addRule(statement, file.uri);
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

  private addRule(rule: Rule, uri: string): void {
    const targets = rule.targets;
    let fileTargets = false;
    for (const target of targets) {
      const name = target.text;
      this.targetNames.add(name);
      if (name === '.PHONY') for (const entry of rule.prerequisites) this.phony.add(entry.text);
      else if (!fileTargets && isFileName(name)) fileTargets = true;
    }
    if (!fileTargets) return;
    this.addEdges(targets, rule.prerequisites, false, uri);
    this.addEdges(targets, rule.orderOnly, true, uri);
  }

  private addEdges(targets: readonly Word[], list: readonly Word[], orderOnly: boolean, uri: string): void {
    for (const word of list) {
      const name = word.text;
      if (!isFileName(name)) continue;
      for (const target of targets)
        if (isFileName(target.text)) this.edges.push({ from: target.text, to: name, word, uri, orderOnly });
    }
  }

  private prerequisitesWanted(): { listed: Set<string>; needed: Set<string> } {
    if (this.wanted) return this.wanted;
    const wanted = { listed: new Set<string>(), needed: new Set<string>() };
    for (const file of this.files) {
      for (const statement of file.statements) {
        if (statement.type !== 'rule') continue;
        // The rule's targets other than `.PHONY`: the first, and whether another name follows.
        let other: string | undefined;
        let twoOthers = false;
        for (const { text } of statement.targets) {
          if (text === '.PHONY') continue;
          if (other === undefined) other = text;
          else if (other !== text) twoOthers = true;
        }
        if (other === undefined) continue;
        for (const list of [statement.prerequisites, statement.orderOnly]) {
          for (const { text } of list) {
            wanted.listed.add(text);
            if (twoOthers || other !== text) wanted.needed.add(text);
          }
        }
      }
    }
    return (this.wanted = wanted);
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
