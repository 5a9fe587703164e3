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
  return SPECIAL_NAMES.has(text);
}

/** Literal and not special: a name that can be a node of the prerequisite graph. */
function isFileName(text: string): boolean {
  return isLiteralName(text) && !SPECIAL_NAMES.has(text);
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
  /** Names make knows as targets: every target but `.PHONY`, and the prerequisites of a rule for another target. */
  readonly madeOrNeeded = new Set<string>();
  /** Prerequisites of a rule with a target other than `.PHONY` and than themselves: what something needs. */
  readonly needed = new Set<string>();
  /** Edges between literal, non-special names, in reading order (prerequisite by prerequisite, then target). */
  readonly edges: Edge[] = [];
  private byTarget: Map<string, Rule[]> | undefined;
  private assigned: { name: string; value: string }[] | undefined;

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

  private addRule(rule: Rule, uri: string): void {
    const targets = rule.targets;
    // The rule's targets other than `.PHONY`: the first, and whether another name follows.
    let other: string | undefined;
    let twoOthers = false;
    let fileTargets = 0;
    for (const target of targets) {
      const name = target.text;
      this.targetNames.add(name);
      if (isFileName(name)) fileTargets++;
      if (name === '.PHONY') {
        for (const entry of rule.prerequisites) this.phony.add(entry.text);
        continue;
      }
      this.madeOrNeeded.add(name);
      if (other === undefined) other = name;
      else if (other !== name) twoOthers = true;
    }
    if (other === undefined) return;
    const made: MadeBy = { uri, other, twoOthers, fileTargets: fileTargets > 0 ? targets : undefined };
    this.addPrerequisites(made, rule.prerequisites, false);
    this.addPrerequisites(made, rule.orderOnly, true);
  }

  private addPrerequisites(made: MadeBy, list: readonly Word[], orderOnly: boolean): void {
    for (const word of list) {
      const name = word.text;
      this.madeOrNeeded.add(name);
      if (made.twoOthers || made.other !== name) this.needed.add(name);
      if (!made.fileTargets || !isFileName(name)) continue;
      for (const target of made.fileTargets)
        if (isFileName(target.text))
          this.edges.push({ from: target.text, to: name, word, uri: made.uri, orderOnly });
    }
  }
}

/** What a rule's prerequisites need to know of its targets. */
interface MadeBy {
  uri: string;
  /** The first target other than `.PHONY`. */
  other: string;
  /** Whether a second, different one follows. */
  twoOthers: boolean;
  /** The targets, when some are file names (edge sources). */
  fileTargets: readonly Word[] | undefined;
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
