// A rule as the tree keeps it: a one-item list is kept as its item, a one-line header as three numbers, and
// the rule's range is built from its header and its last recipe line when read.
import type { Range, RecipeLine, Rule, RuleKind, Word } from './ast';
import { LineRange, rangeBetween } from './lineSpans';
import { countOf, emptyList, kept, list, type ListOrItem } from './listBuilder';

/**
 * A one-item list read from a RuleNode is a new array on every read: the tree is read-only, so no
 * caller needs the same one twice, and a one-item array kept per list costs 56 bytes per rule.
 */
export class RuleNode implements Rule {
  private keptTargets: ListOrItem<Word>;
  private keptPrerequisites: ListOrItem<Word>;
  private keptRecipe: ListOrItem<RecipeLine>;
  /**
   * A header on one line (most of them) as its line and columns, -1 for a header continued over
   * lines: a Range object kept per rule cost more than these fields (a tenth of a dense file's objects).
   */
  private readonly headerLine: number;
  private readonly headerFrom: number;
  private readonly headerTo: number;
  // Set after construction on the few rules that have them, so that the others keep no field for them.
  declare private headerSpan?: Range;
  declare targetPattern?: Word;
  declare doubleColon?: boolean;

  constructor(
    readonly kind: RuleKind,
    targets: ListOrItem<Word>,
    prerequisites: ListOrItem<Word>,
    readonly orderOnly: Word[],
    headerRange: Range,
  ) {
    this.keptTargets = targets;
    this.keptPrerequisites = prerequisites;
    this.keptRecipe = emptyList();
    const oneLine = headerRange instanceof LineRange;
    this.headerLine = oneLine ? headerRange.line : -1;
    this.headerFrom = oneLine ? headerRange.from : 0;
    this.headerTo = oneLine ? headerRange.to : 0;
    if (!oneLine) this.headerSpan = headerRange;
  }

  /** The rule's first line, continuation lines included: its targets, prerequisites and any `; recipe`. */
  get headerRange(): Range {
    return this.headerLine < 0
      ? (this.headerSpan as Range)
      : new LineRange(this.headerLine, this.headerFrom, this.headerTo);
  }

  get type(): 'rule' {
    return 'rule';
  }

  get targets(): Word[] {
    return list(this.keptTargets);
  }

  get prerequisites(): Word[] {
    return list(this.keptPrerequisites);
  }

  get recipe(): RecipeLine[] {
    return list(this.keptRecipe);
  }

  set recipe(recipe: RecipeLine[]) {
    this.keptRecipe = kept(recipe);
  }

  /** How many recipe lines, without building the list (lint asks it of every rule). */
  get recipeCount(): number {
    return countOf(this.keptRecipe);
  }

  /** How many targets, without building the list. */
  get targetCount(): number {
    return countOf(this.keptTargets);
  }

  /** How many prerequisites (order-only ones apart), without building the list. */
  get prerequisiteCount(): number {
    return countOf(this.keptPrerequisites);
  }

  /** From the first target to the end of the last recipe line (the header alone without one). */
  get range(): Range {
    const recipe = this.keptRecipe;
    const last = Array.isArray(recipe) ? recipe[recipe.length - 1] : recipe;
    if (last === undefined) return this.headerRange;
    const end = last.range.end;
    const header = this.headerRange;
    const headerEnd = header.end;
    return end.line === headerEnd.line && end.character === headerEnd.character
      ? header
      : rangeBetween(header.start, end);
  }

  toJSON(): Rule {
    const { type, kind, targets, targetPattern, prerequisites, orderOnly, recipe, range, headerRange } = this;
    const json: Rule = { type, kind, targets, prerequisites, orderOnly, recipe, range, headerRange };
    if (targetPattern !== undefined) json.targetPattern = targetPattern;
    if (this.doubleColon) json.doubleColon = true;
    return json;
  }
}
