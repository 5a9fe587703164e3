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
  return text.length > 0 && !/[$%]/.test(text);
}

/** Names listed as targets by GNU make's special targets (`.PHONY`, `.WAIT`...): not files, not edges. */
export function isSpecialName(text: string): boolean {
  return Object.hasOwn(SPECIAL_TARGETS, text);
}

/** Literal and not special: a name that can be a node of the prerequisite graph. */
function isFileName(text: string): boolean {
  return isLiteralName(text) && !isSpecialName(text);
}

/**
 * Read once per lint pass instead of once per rule: each rule used to walk the project's targets and
 * prerequisites itself (and the tree's lists are built anew at each read), so a 30,000-line file was
 * walked a dozen times over. Built in one walk of every rule, in reading order.
 */
export class ProjectIndex {
  /** Every name some rule lists as a target, special targets included. */
  readonly targetNames = new Set<string>();
  /** Every name listed as a prerequisite of `.PHONY`. */
  readonly phony = new Set<string>();
  /** Every rule by each name it lists as a target, in reading order. */
  readonly rulesByTarget = new Map<string, Rule[]>();
  /** Names make knows as targets: every target but `.PHONY`, and the prerequisites of a rule for another target. */
  readonly madeOrNeeded = new Set<string>();
  /** Prerequisites of a rule with a target other than `.PHONY` and than themselves: what something needs. */
  readonly needed = new Set<string>();
  /** Edges between literal, non-special names, in reading order (prerequisite by prerequisite, then target). */
  readonly edges: Edge[] = [];
  /** Every assignment of the project (name and value as written), in reading order. */
  readonly assignments: { name: string; value: string }[] = [];

  constructor(readonly files: readonly FileIndex[]) {
    for (const file of files) {
      for (const statement of file.statements)
        if (statement.type === 'rule') this.addRule(statement, file.uri);
      for (const variable of file.variables)
        if (variable.statement.type === 'assignment')
          this.assignments.push({ name: variable.name, value: variable.statement.value });
    }
  }

  private addRule(rule: Rule, uri: string): void {
    const targets = rule.targets;
    const prerequisites = rule.prerequisites;
    const orderOnly = rule.orderOnly;
    const others: string[] = [];
    for (const target of targets) {
      const name = target.text;
      this.targetNames.add(name);
      const list = this.rulesByTarget.get(name);
      if (list) list.push(rule);
      else this.rulesByTarget.set(name, [rule]);
      if (name === '.PHONY') for (const entry of prerequisites) this.phony.add(entry.text);
      else {
        this.madeOrNeeded.add(name);
        others.push(name);
      }
    }
    const fileTargets = targets.filter((target) => isFileName(target.text));
    const add = (word: Word, orderOnly: boolean): void => {
      const name = word.text;
      if (others.length > 0) this.madeOrNeeded.add(name);
      if (others.some((other) => other !== name)) this.needed.add(name);
      if (!isFileName(name)) return;
      for (const target of fileTargets)
        this.edges.push({ from: target.text, to: name, word, uri, orderOnly });
    };
    for (const word of prerequisites) add(word, false);
    for (const word of orderOnly) add(word, true);
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
