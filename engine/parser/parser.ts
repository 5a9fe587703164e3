// Text -> ParsedMakefile: walks logical lines the way GNU make's reader does; never throws.
import type { Assignment, ParsedMakefile, RecipeLine, Reference, Statement, Word } from './ast';
import { parseVariableAssignment, type VariableAssignment } from './assignments';
import { LineAssignment } from './assignmentNode';
import { ConditionalBlocks, conditionalKeywordAt } from './conditionalBlocks';
import { readDefine } from './defineBlocks';
import { includeDirective, variableDirective, vpathDirective } from './directives';
import { rangeBetween } from './lineSpans';
import { LineTable } from './lineTable';
import { ListBuilder, emptyList, keptForText, list } from './listBuilder';
import { sourceView, type LineView } from './lineView';
import { ParseOutput } from './output';
import { recipeLine } from './recipes';
import { MAX_REFERENCES, scanReferences, variableName } from './referenceScanner';
import { RuleNode } from './ruleNode';
import { newRuleLine, parseRuleLine } from './rules';
import {
  DOLLAR,
  SPACE,
  TAB,
  endOfToken,
  findComment,
  indexOfCode,
  matches,
  skipBlanks,
  skipReference,
  storedValue,
  trimEndBlanks,
  wordAt,
} from './scan';

export function parseMakefile(text: string): ParsedMakefile {
  return new MakefileParser(text).parse();
}

/**
 * Top-level statements, in one buffer every parse reuses (taken at its exact size at the end): a
 * list grown by push() from empty leaves about twice its final size as garbage, and each
 * collection during a parse copies what the tree holds so far.
 */
const statementBuffer = new ListBuilder<Statement>();

class MakefileParser {
  private readonly table: LineTable;
  private readonly text: string;
  /** The file's top-level statements (a conditional's go to its branch: ConditionalBlocks). */
  private readonly statements = statementBuffer;
  private readonly output: ParseOutput;
  /** Open conditionals, and where statements go meanwhile. */
  private readonly blocks: ConditionalBlocks;
  /** The rule whose recipe lines may follow (make's "filenames" state). */
  private rule: RuleNode | null = null;
  /** That rule's recipe so far: it gets its recipe list and final range when it closes (closeRule). */
  private readonly recipe = new ListBuilder<RecipeLine>();
  private recipePrefix = TAB;
  /** The whole source as a view, for spans scanned as written (recipes, define bodies). */
  private readonly sourceView: LineView;
  /** Reused for every one-line logical line; never kept past the line it describes. */
  private readonly lineView: LineView;
  /** The same for every logical line continued over physical lines (collapsed as make reads it). */
  private readonly continuedView: LineView;
  /** Filled by every rule line, so that parsing one allocates only what the tree keeps. */
  private readonly ruleLine = newRuleLine();
  /** Next physical line to read. */
  private line = 0;

  constructor(text: string) {
    this.text = text;
    this.table = new LineTable(text);
    statementBuffer.clear();
    this.output = new ParseOutput(this.table);
    this.blocks = new ConditionalBlocks(this.statements, this.output);
    this.sourceView = sourceView(this.table);
    this.lineView = sourceView(this.table);
    this.continuedView = sourceView(this.table);
  }

  parse(): ParsedMakefile {
    const table = this.table;
    if (table.firstNul >= 0) {
      this.output.problem(
        'binary-content',
        'NUL character seen; rest of line ignored (is this a binary file?)',
        table.range(table.firstNul, table.firstNul + 1),
        'warning',
      );
    }
    while (this.line < table.count) {
      const first = this.line;
      const last = table.logicalLineEnd(first);
      this.line = last + 1;
      this.parseLine(first, last);
    }
    this.closeRule();
    this.blocks.closeAll(table.position(table.ends[table.count - 1]));
    const references = this.output.references;
    if (references.length >= MAX_REFERENCES) {
      this.output.problem(
        'too-many-references',
        `more than ${MAX_REFERENCES.toLocaleString('en-US')} variable references: the ones after this are not analysed`,
        (references.last() as Reference).range,
        'warning',
      );
    }
    const kept = keptForText(this.text.length);
    return {
      // Exact-size copies: a list grown by push() keeps up to half its length again in spare room.
      statements: this.statements.take(kept),
      references: references.take(kept),
      comments: this.output.comments,
      problems: this.output.problems,
      lineCount: table.count,
      recipePrefix: String.fromCharCode(this.recipePrefix),
    };
  }

  private parseLine(first: number, last: number): void {
    const { text, table } = this;
    const lineStart = table.starts[first];
    const startsWithPrefix =
      lineStart < table.ends[first] && text.charCodeAt(lineStart) === this.recipePrefix;
    if (startsWithPrefix && this.rule !== null) {
      const view = first === last ? this.lineView.onLine(first) : this.sourceView;
      this.addRecipeLine(lineStart + 1, table.ends[last], view);
      return;
    }
    let view: LineView;
    if (first === last) {
      // Most logical lines are one physical line: scan them in place with a reused view.
      view = this.lineView.onLine(first);
    } else view = this.continuedView.collapse(first, last);
    const vt = view.text;
    const commentAt = findComment(view, view.start, view.end);
    const start = skipBlanks(vt, view.start, commentAt);
    if (start >= commentAt) {
      this.output.comment(view, commentAt, last);
      return;
    }
    const hasEquals = view.indexOfEquals(start, commentAt) >= 0;
    const assignment = parseVariableAssignment(vt, start, commentAt, hasEquals);
    if (assignment !== null) {
      this.output.comment(view, commentAt, last);
      this.closeRule();
      if (assignment.define >= 0) {
        const block = readDefine(
          table,
          this.output,
          this.sourceView,
          view,
          assignment,
          commentAt,
          last,
          this.recipePrefix,
        );
        this.blocks.target.add(block.node);
        this.line = block.nextLine;
      } else if (assignment.undefine >= 0) {
        const range = view.range(start, trimEndBlanks(vt, start, commentAt));
        this.blocks.target.add(
          variableDirective(view, 'undefine', assignment.modifiers, assignment.undefine, commentAt, range),
        );
        scanReferences(view, assignment.undefine, commentAt, 'directive', this.output.references);
      } else this.addAssignment(view, assignment, commentAt, undefined);
      return;
    }
    const contentEnd = trimEndBlanks(vt, start, commentAt);
    if (this.parseDirective(view, start, contentEnd, commentAt, first, last)) return;
    if (startsWithPrefix) {
      this.output.comment(view, commentAt, last);
      const range = view.range(start, contentEnd);
      this.blocks.target.add({ type: 'unknown', text: vt.slice(start, contentEnd), range });
      this.output.problem('recipe-without-rule', 'recipe commences before first target', range, 'error');
      scanReferences(view, start, commentAt, 'recipe', this.output.references);
      return;
    }
    if (this.rule !== null && text.charCodeAt(lineStart) === SPACE && looksLikeCommand(vt, start)) {
      // `    @echo done: $@` would silently become a rule in make; it is a recipe indented with spaces.
      this.output.comment(view, commentAt, last);
      const range = view.range(start, contentEnd);
      this.blocks.target.add({ type: 'unknown', text: vt.slice(start, contentEnd), range });
      this.output.problem('recipe-with-spaces', RECIPE_WITH_SPACES, range, 'error');
      return;
    }
    if (this.parseRule(view, start, last)) return;
    this.output.comment(view, commentAt, last);
    this.parseUnknown(view, start, contentEnd, lineStart);
  }

  /** A directive line (conditional, endef, export, vpath, include, load); false when the line is none. */
  private parseDirective(
    view: LineView,
    start: number,
    contentEnd: number,
    commentAt: number,
    first: number,
    last: number,
  ): boolean {
    const { table } = this;
    const vt = view.text;
    // Most lines are rules: skip the keyword checks when the first word cannot be a keyword.
    if (!mayStartDirective(vt.charCodeAt(start))) return false;
    // Only a directive keyword matters here, and none is longer than 8 characters: the first word
    // is scanned no further (so wordEnd is exact only for the short words the keywords are).
    const wordEnd = endOfToken(vt, start, Math.min(commentAt, start + LONGEST_KEYWORD + 1));
    const keyword = conditionalKeywordAt(vt, start, wordEnd);
    if (keyword !== null) {
      this.output.comment(view, commentAt, last);
      const previousEnd = table.position(first > 0 ? table.ends[first - 1] : 0);
      this.blocks.directive(keyword, view, start, wordEnd, contentEnd, previousEnd);
      return true;
    }
    if (matches(vt, start, wordEnd, 'endef')) {
      this.output.comment(view, commentAt, last);
      this.output.problem(
        'endef-without-define',
        "extraneous 'endef': no 'define' is open",
        view.range(start, contentEnd),
        'error',
      );
      return true;
    }
    if (matches(vt, start, wordEnd, 'export') || matches(vt, start, wordEnd, 'unexport')) {
      this.output.comment(view, commentAt, last);
      this.closeRule();
      const directive = vt.charCodeAt(start) === 117 ? 'unexport' : 'export';
      this.blocks.target.add(
        variableDirective(view, directive, emptyList(), wordEnd, commentAt, view.range(start, contentEnd)),
      );
      scanReferences(view, wordEnd, commentAt, 'directive', this.output.references);
      return true;
    }
    if (matches(vt, start, wordEnd, 'vpath')) {
      this.output.comment(view, commentAt, last);
      this.closeRule();
      this.blocks.target.add(vpathDirective(view, wordEnd, commentAt, view.range(start, contentEnd)));
      scanReferences(view, wordEnd, commentAt, 'directive', this.output.references);
      return true;
    }
    const include = matches(vt, start, wordEnd, 'include')
      ? 'include'
      : matches(vt, start, wordEnd, '-include')
        ? '-include'
        : matches(vt, start, wordEnd, 'sinclude')
          ? 'sinclude'
          : null;
    if (include !== null) {
      this.output.comment(view, commentAt, last);
      this.closeRule();
      this.blocks.target.add(
        includeDirective(view, include, wordEnd, commentAt, view.range(start, contentEnd)),
      );
      scanReferences(view, wordEnd, commentAt, 'include', this.output.references);
      return true;
    }
    if (matches(vt, start, wordEnd, 'load') || matches(vt, start, wordEnd, '-load')) {
      // Loading a make plugin: nothing the tree models, but its references still count.
      this.output.comment(view, commentAt, last);
      this.closeRule();
      scanReferences(view, wordEnd, commentAt, 'directive', this.output.references);
      return true;
    }
    return false;
  }

  /**
   * Adds the recipe line `text[start, end)` to the open rule; `view` holds it as written (the
   * source, or its one physical line).
   */
  private addRecipeLine(start: number, end: number, view: LineView): void {
    const text = this.text;
    let i = start;
    while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    // A whitespace-only recipe line runs nothing; it neither ends nor extends the recipe.
    if (i >= end) return;
    this.recipe.add(recipeLine(this.table, start, end));
    scanReferences(view, start, end, 'recipe', this.output.references);
  }

  /**
   * Ends the open rule's recipe (make leaves its "filenames" state): the rule gets its recipe list,
   * at its exact size; its range then runs to the last recipe line (ruleNode.ts).
   */
  private closeRule(): void {
    const rule = this.rule;
    if (rule === null) return;
    this.rule = null;
    if (this.recipe.length === 0) return;
    rule.recipe = this.recipe.take();
  }

  private addAssignment(
    view: LineView,
    assignment: VariableAssignment,
    valueEnd: number,
    targets: Word[] | undefined,
  ): void {
    const definition = assignment.definition;
    if (definition === null) return;
    const vt = view.text;
    const { nameStart, nameEnd } = definition;
    const valueStart = Math.min(definition.valueStart, valueEnd);
    const computedName = indexOfCode(vt, DOLLAR, nameStart, nameEnd) >= 0;
    const operatorEnd = definition.operatorStart + definition.operator.length;
    // The statement covers its whole value, trailing blanks included, so valueRange lies inside range.
    const rangeEnd = Math.max(operatorEnd, valueEnd);
    const value = storedValue(vt, valueStart, valueEnd);
    const from = targets === undefined ? view.sameLineStart(assignment.start, rangeEnd) : -1;
    let node: Assignment;
    if (from >= 0) {
      // Written on one line: columns, not Range objects (assignmentNode.ts).
      const line = view.lineOfSource(from);
      const column = from - this.table.starts[line] - assignment.start;
      node = new LineAssignment(
        variableName(vt, nameStart, nameEnd),
        column + nameStart,
        definition.operator,
        value,
        assignment.modifiers,
        line,
        column + assignment.start,
        column + valueStart,
        column + valueEnd,
        column + rangeEnd,
      );
    } else {
      node = {
        type: 'assignment',
        name: wordAt(view, nameStart, nameEnd),
        computedName,
        operator: definition.operator,
        value,
        valueRange: view.range(valueStart, valueEnd),
        modifiers: assignment.modifiers,
        define: false,
        // A target-specific assignment starts at its first target.
        range:
          targets !== undefined && targets.length > 0
            ? rangeBetween(targets[0].range.start, view.position(rangeEnd))
            : view.range(assignment.start, rangeEnd),
      };
      if (targets !== undefined) node.targets = targets;
    }
    this.blocks.target.add(node);
    if (computedName) scanReferences(view, nameStart, nameEnd, 'assignment-name', this.output.references);
    scanReferences(view, valueStart, valueEnd, 'assignment-value', this.output.references);
    if (targets === undefined && matches(vt, nameStart, nameEnd, '.RECIPEPREFIX')) {
      const first = node.value.charCodeAt(0);
      // An unexpandable value (`$(...)`) leaves the prefix alone rather than guess.
      if (node.value.length === 0) this.recipePrefix = TAB;
      else if (first !== DOLLAR) this.recipePrefix = first;
    }
  }

  /** A rule line or a target-specific assignment; false when the line has no top-level colon. */
  private parseRule(view: LineView, start: number, last: number): boolean {
    const parsed = this.ruleLine;
    if (!parseRuleLine(view, start, parsed)) return false;
    const { table } = this;
    if (parsed.comment >= 0) this.output.comment(view, parsed.comment, last);
    scanReferences(view, parsed.targetsStart, parsed.targetsEnd, 'target', this.output.references);
    if (parsed.variable !== null) {
      this.closeRule();
      this.addAssignment(view, parsed.variable, parsed.variableEnd, list(parsed.targets));
      return true;
    }
    scanReferences(
      view,
      parsed.prerequisitesStart,
      parsed.prerequisitesEnd,
      'prerequisite',
      this.output.references,
    );
    // A recipe after `;` belongs to the header line: the header range runs to its end.
    let inlineStart = -1;
    let inlineEnd = -1;
    if (parsed.semicolon >= 0) {
      const text = this.text;
      const recipeEnd = table.ends[last];
      inlineStart = view.toSource(parsed.semicolon);
      while (
        inlineStart < recipeEnd &&
        (text.charCodeAt(inlineStart) === SPACE || text.charCodeAt(inlineStart) === TAB)
      )
        inlineStart++;
      if (inlineStart < recipeEnd) inlineEnd = trimRawEnd(text, inlineStart, recipeEnd);
    }
    const headerEnd = inlineEnd >= 0 ? inlineEnd : view.toSource(parsed.headerEnd);
    const headerRange = table.range(view.toSource(start), headerEnd);
    const rule = new RuleNode(
      parsed.kind,
      parsed.targets,
      parsed.prerequisites,
      parsed.orderOnly,
      headerRange,
    );
    if (parsed.targetPattern !== undefined) rule.targetPattern = parsed.targetPattern;
    if (parsed.doubleColon) rule.doubleColon = true;
    this.blocks.target.add(rule);
    this.closeRule();
    this.rule = rule;
    if (inlineEnd >= 0) this.addRecipeLine(inlineStart, inlineEnd, this.sourceView);
    return true;
  }

  private parseUnknown(view: LineView, start: number, contentEnd: number, lineStart: number): void {
    const vt = view.text;
    const range = view.range(start, contentEnd);
    const node: Statement = { type: 'unknown', text: vt.slice(start, contentEnd), range };
    scanReferences(view, start, contentEnd, 'directive', this.output.references);
    if (onlyReferences(vt, start, contentEnd)) {
      // make reads it as a rule line that expands to nothing, which ends the recipe before it.
      this.closeRule();
      node.expandsOnly = true;
      this.blocks.target.add(node);
      return;
    }
    this.blocks.target.add(node);
    if (this.rule !== null && this.text.charCodeAt(lineStart) === SPACE) {
      this.output.problem('recipe-with-spaces', RECIPE_WITH_SPACES, range, 'error');
      return;
    }
    const hasReference = indexOfCode(vt, DOLLAR, start, contentEnd) >= 0;
    this.output.problem('missing-separator', 'missing separator', range, hasReference ? 'warning' : 'error');
  }
}

/** `unexport`, `-include` and `sinclude`. */
const LONGEST_KEYWORD = 8;

const RECIPE_WITH_SPACES = 'missing separator: recipe lines must start with a tab, not spaces';

/** True for the first characters of the directive keywords: i, e, u, v, s, l and `-`. */
function mayStartDirective(c: number): boolean {
  return c === 105 || c === 101 || c === 117 || c === 118 || c === 115 || c === 108 || c === 45;
}

/** A line starting with a recipe prefix character (`@`, `-`, `+`) is a command, whatever else it holds. */
function looksLikeCommand(text: string, start: number): boolean {
  const c = text.charCodeAt(start);
  return c === 64 || c === 43 || c === 45;
}

/** True when `text[start, end)` holds only references and blanks, so make may expand it to nothing. */
function onlyReferences(text: string, start: number, end: number): boolean {
  let i = start;
  let sawReference = false;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) i++;
    else if (c === DOLLAR && i + 1 < end && text.charCodeAt(i + 1) !== DOLLAR) {
      i = skipReference(text, i, end);
      sawReference = true;
    } else return false;
  }
  return sawReference;
}

function trimRawEnd(text: string, start: number, end: number): number {
  while (end > start && (text.charCodeAt(end - 1) === SPACE || text.charCodeAt(end - 1) === TAB)) end--;
  return end;
}
