// Text -> ParsedMakefile: walks logical lines the way GNU make's reader does; never throws.
import type {
  Assignment,
  Comment,
  Conditional,
  ConditionalBranch,
  ConditionalKind,
  ParsedMakefile,
  ParseProblem,
  ProblemCode,
  Range,
  Reference,
  Rule,
  Statement,
  Word,
} from './ast';
import { parseVariableAssignment, parseVariableDefinition, type VariableAssignment } from './assignments';
import { CONDITIONAL_KEYWORDS, parseCondition } from './conditionals';
import { includeDirective, variableDirective, vpathDirective } from './directives';
import { LineTable } from './lineTable';
import { collapsedView, sourceView, type LineView } from './lineView';
import { recipeLine } from './recipes';
import { scanReferences } from './references';
import { parseRuleLine } from './rules';
import {
  BACKSLASH,
  DOLLAR,
  SPACE,
  TAB,
  endOfToken,
  findComment,
  indexOfCode,
  matches,
  skipBlanks,
  skipReference,
  trimEndBlanks,
  storedValue,
  wordAt,
} from './scan';

export function parseMakefile(text: string): ParsedMakefile {
  return new MakefileParser(text).parse();
}

interface OpenConditional {
  node: Conditional;
  branch: ConditionalBranch;
  sawElse: boolean;
  parent: Statement[];
}

class MakefileParser {
  private readonly table: LineTable;
  private readonly text: string;
  private readonly statements: Statement[] = [];
  private readonly references: Reference[] = [];
  private readonly comments: Comment[] = [];
  private readonly problems: ParseProblem[] = [];
  private readonly conditionals: OpenConditional[] = [];
  /** Where statements go: the file, or the body of the innermost open conditional branch. */
  private target: Statement[];
  /** The rule whose recipe lines may follow (make's "filenames" state). */
  private rule: Rule | null = null;
  private recipePrefix = TAB;
  /** The whole source as a view, for spans scanned as written (recipes, define bodies). */
  private readonly sourceView: LineView;
  /** Next physical line to read. */
  private line = 0;

  constructor(text: string) {
    this.text = text;
    this.table = new LineTable(text);
    this.target = this.statements;
    this.sourceView = sourceView(this.table);
  }

  parse(): ParsedMakefile {
    const table = this.table;
    if (table.firstNul >= 0) {
      this.problem(
        'binary-content',
        'NUL character seen; rest of line ignored (is this a binary file?)',
        table.range(table.firstNul, table.firstNul + 1),
        'warning',
      );
    }
    while (this.line < table.count) {
      const first = this.line;
      const last = this.endOfLogicalLine(first);
      this.line = last + 1;
      this.parseLine(first, last);
    }
    const end = table.position(table.ends[table.count - 1]);
    while (this.conditionals.length > 0) {
      const open = this.conditionals.pop() as OpenConditional;
      open.branch.range.end = end;
      open.node.range.end = end;
      const opening = open.node.branches[0].keywordRange;
      this.problem('unterminated-conditional', "missing 'endif': unterminated conditional", opening, 'error');
    }
    return {
      statements: this.statements,
      references: this.references,
      comments: this.comments,
      problems: this.problems,
      lineCount: table.count,
      recipePrefix: String.fromCharCode(this.recipePrefix),
    };
  }

  /** Last physical line of the logical line starting at `first` (lines ending in an odd run of backslashes continue). */
  private endOfLogicalLine(first: number): number {
    const { text, table } = this;
    const count = table.count;
    let line = first;
    while (line + 1 < count) {
      const start = table.starts[line];
      let i = table.ends[line];
      let backslashes = 0;
      while (i > start && text.charCodeAt(i - 1) === BACKSLASH) {
        backslashes++;
        i--;
      }
      if ((backslashes & 1) === 0) break;
      line++;
    }
    return line;
  }

  private parseLine(first: number, last: number): void {
    const { text, table } = this;
    const lineStart = table.starts[first];
    const startsWithPrefix =
      lineStart < table.ends[first] && text.charCodeAt(lineStart) === this.recipePrefix;
    if (startsWithPrefix && this.rule !== null) {
      this.addRecipeLine(this.rule, lineStart + 1, table.ends[last]);
      return;
    }
    const view = collapsedView(table, first, last);
    const vt = view.text;
    const commentAt = findComment(vt, view.start, view.end);
    const start = skipBlanks(vt, view.start, commentAt);
    if (start >= commentAt) {
      this.addComment(view, commentAt, last);
      return;
    }
    const assignment = parseVariableAssignment(vt, start, commentAt);
    if (assignment !== null) {
      this.addComment(view, commentAt, last);
      this.rule = null;
      if (assignment.define >= 0) this.parseDefine(view, assignment, commentAt, last);
      else if (assignment.undefine >= 0) {
        const range = view.range(start, trimEndBlanks(vt, start, commentAt));
        this.target.push(
          variableDirective(view, 'undefine', assignment.modifiers, assignment.undefine, commentAt, range),
        );
        scanReferences(view, assignment.undefine, commentAt, 'directive', this.references);
      } else this.addAssignment(view, assignment, commentAt, undefined);
      return;
    }
    const wordEnd = endOfToken(vt, start, commentAt);
    const contentEnd = trimEndBlanks(vt, start, commentAt);
    const keyword = this.keywordAt(vt, start, wordEnd);
    if (keyword !== null) {
      this.addComment(view, commentAt, last);
      this.parseConditionalLine(keyword, view, start, wordEnd, contentEnd, first);
      return;
    }
    if (matches(vt, start, wordEnd, 'endef')) {
      this.addComment(view, commentAt, last);
      this.problem(
        'endef-without-define',
        "extraneous 'endef': no 'define' is open",
        view.range(start, contentEnd),
        'error',
      );
      return;
    }
    const range = view.range(start, contentEnd);
    if (matches(vt, start, wordEnd, 'export') || matches(vt, start, wordEnd, 'unexport')) {
      this.addComment(view, commentAt, last);
      this.rule = null;
      const directive = vt.charCodeAt(start) === 117 ? 'unexport' : 'export';
      this.target.push(variableDirective(view, directive, [], wordEnd, commentAt, range));
      scanReferences(view, wordEnd, commentAt, 'directive', this.references);
      return;
    }
    if (matches(vt, start, wordEnd, 'vpath')) {
      this.addComment(view, commentAt, last);
      this.rule = null;
      this.target.push(vpathDirective(view, wordEnd, commentAt, range));
      scanReferences(view, wordEnd, commentAt, 'directive', this.references);
      return;
    }
    const include = matches(vt, start, wordEnd, 'include')
      ? 'include'
      : matches(vt, start, wordEnd, '-include')
        ? '-include'
        : matches(vt, start, wordEnd, 'sinclude')
          ? 'sinclude'
          : null;
    if (include !== null) {
      this.addComment(view, commentAt, last);
      this.rule = null;
      this.target.push(includeDirective(view, include, wordEnd, commentAt, range));
      scanReferences(view, wordEnd, commentAt, 'include', this.references);
      return;
    }
    if (matches(vt, start, wordEnd, 'load') || matches(vt, start, wordEnd, '-load')) {
      // Loading a make plugin: nothing the tree models, but its references still count.
      this.addComment(view, commentAt, last);
      this.rule = null;
      scanReferences(view, wordEnd, commentAt, 'directive', this.references);
      return;
    }
    if (startsWithPrefix) {
      this.addComment(view, commentAt, last);
      this.target.push({ type: 'unknown', text: vt.slice(start, contentEnd), range });
      this.problem('recipe-without-rule', 'recipe commences before first target', range, 'error');
      scanReferences(view, start, commentAt, 'recipe', this.references);
      return;
    }
    if (this.rule !== null && text.charCodeAt(lineStart) === SPACE && looksLikeCommand(vt, start)) {
      // `    @echo done: $@` would silently become a rule in make; it is a recipe indented with spaces.
      this.addComment(view, commentAt, last);
      this.target.push({ type: 'unknown', text: vt.slice(start, contentEnd), range });
      this.problem('recipe-with-spaces', RECIPE_WITH_SPACES, range, 'error');
      return;
    }
    if (this.parseRule(view, start, last)) return;
    this.addComment(view, commentAt, last);
    this.parseUnknown(view, start, contentEnd, lineStart);
  }

  private keywordAt(text: string, start: number, end: number): ConditionalKind | 'else' | 'endif' | null {
    const length = end - start;
    if (length < 4 || length > 6) return null;
    for (const keyword of CONDITIONAL_KEYWORDS) if (matches(text, start, end, keyword)) return keyword;
    if (matches(text, start, end, 'else')) return 'else';
    if (matches(text, start, end, 'endif')) return 'endif';
    return null;
  }

  private addRecipeLine(rule: Rule, start: number, end: number): void {
    const text = this.text;
    let i = start;
    while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    // A whitespace-only recipe line runs nothing; it neither ends nor extends the recipe.
    if (i >= end) return;
    const recipe = recipeLine(this.table, start, end);
    rule.recipe.push(recipe);
    rule.range.end = recipe.range.end;
    scanReferences(this.sourceView, start, end, 'recipe', this.references);
  }

  private addComment(view: LineView, commentAt: number, last: number): void {
    if (commentAt >= view.end) return;
    const start = view.toSource(commentAt);
    const end = this.table.ends[last];
    this.comments.push({ text: this.text.slice(start, end), range: this.table.range(start, end) });
  }

  private problem(code: ProblemCode, message: string, range: Range, severity: 'error' | 'warning'): void {
    this.problems.push({ code, message, range, severity });
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
    const rangeEnd = Math.max(operatorEnd, trimEndBlanks(vt, valueStart, valueEnd));
    const node: Assignment = {
      type: 'assignment',
      name: wordAt(view, nameStart, nameEnd),
      computedName,
      operator: definition.operator,
      value: storedValue(vt, valueStart, valueEnd),
      valueRange: view.range(valueStart, valueEnd),
      modifiers: assignment.modifiers,
      define: false,
      range: view.range(assignment.start, rangeEnd),
    };
    if (targets !== undefined) {
      node.targets = targets;
      node.range.start = targets.length > 0 ? targets[0].range.start : node.range.start;
    }
    this.target.push(node);
    if (computedName) scanReferences(view, nameStart, nameEnd, 'assignment-name', this.references);
    scanReferences(view, valueStart, valueEnd, 'assignment-value', this.references);
    if (targets === undefined && node.name.text === '.RECIPEPREFIX') {
      const first = node.value.charCodeAt(0);
      // An unexpandable value (`$(...)`) leaves the prefix alone rather than guess.
      if (node.value.length === 0) this.recipePrefix = TAB;
      else if (first !== DOLLAR) this.recipePrefix = first;
    }
  }

  private parseDefine(
    view: LineView,
    assignment: VariableAssignment,
    commentAt: number,
    defineLast: number,
  ): void {
    const { table, text } = this;
    const vt = view.text;
    const headerStart = skipBlanks(vt, assignment.define, commentAt);
    const headerEnd = trimEndBlanks(vt, headerStart, commentAt);
    const definition = parseVariableDefinition(vt, headerStart, headerEnd);
    const nameStart = definition !== null ? definition.nameStart : headerStart;
    const nameEnd = definition !== null ? definition.nameEnd : headerEnd;
    const name = wordAt(view, nameStart, nameEnd);
    const computedName = name.text.indexOf('$') >= 0;
    if (computedName) scanReferences(view, nameStart, nameEnd, 'assignment-name', this.references);
    const headerRange = view.range(assignment.start, headerEnd);
    const bodyFirst = defineLast + 1;
    const body: string[] = [];
    let depth = 1;
    let endefRange: Range | null = null;
    let bodyLast = defineLast;
    while (this.line < table.count) {
      const first = this.line;
      const last = this.endOfLogicalLine(first);
      this.line = last + 1;
      const lineStart = table.starts[first];
      // make only recognises define/endef on lines that do not start with the recipe prefix.
      if (lineStart >= table.ends[first] || text.charCodeAt(lineStart) !== this.recipePrefix) {
        const start = skipBlanks(text, lineStart, table.ends[first]);
        const wordEnd = endOfToken(text, start, table.ends[first]);
        if (matches(text, start, wordEnd, 'define')) depth++;
        else if (matches(text, start, wordEnd, 'endef') && --depth === 0) {
          const endefView = collapsedView(table, first, last);
          const endefComment = findComment(endefView.text, endefView.start, endefView.end);
          const endStart = skipBlanks(endefView.text, endefView.start, endefView.end);
          endefRange = endefView.range(endStart, trimEndBlanks(endefView.text, endStart, endefComment));
          this.addComment(endefView, endefComment, last);
          break;
        }
      }
      const lineView = collapsedView(table, first, last);
      body.push(lineView.text.slice(lineView.start, lineView.end));
      bodyLast = last;
    }
    const bodyStart = table.starts[Math.min(bodyFirst, table.count - 1)];
    const bodyEnd = body.length > 0 ? table.ends[bodyLast] : bodyStart;
    if (body.length > 0)
      scanReferences(this.sourceView, bodyStart, bodyEnd, 'assignment-value', this.references);
    const node: Assignment = {
      type: 'assignment',
      name,
      computedName,
      operator: definition !== null ? definition.operator : '=',
      value: body.join('\n'),
      valueRange:
        body.length > 0 ? table.range(bodyStart, bodyEnd) : { start: headerRange.end, end: headerRange.end },
      modifiers: assignment.modifiers,
      define: true,
      range: {
        start: headerRange.start,
        end: endefRange !== null ? endefRange.end : table.position(table.ends[table.count - 1]),
      },
    };
    this.target.push(node);
    if (endefRange === null)
      this.problem('unterminated-define', "missing 'endef': unterminated 'define'", headerRange, 'error');
  }

  private parseConditionalLine(
    keyword: ConditionalKind | 'else' | 'endif',
    view: LineView,
    start: number,
    wordEnd: number,
    contentEnd: number,
    first: number,
  ): void {
    const lineRange = view.range(start, contentEnd);
    if (keyword !== 'else' && keyword !== 'endif') {
      const branch = this.conditionalBranch(keyword, view, wordEnd, contentEnd, lineRange);
      const node: Conditional = {
        type: 'conditional',
        branches: [branch],
        range: { start: lineRange.start, end: lineRange.end },
      };
      this.target.push(node);
      this.conditionals.push({ node, branch, sawElse: false, parent: this.target });
      if (this.conditionals.length <= MAX_TREE_DEPTH) this.target = branch.body;
      return;
    }
    const open = this.conditionals.length > 0 ? this.conditionals[this.conditionals.length - 1] : null;
    if (open === null) {
      if (keyword === 'else')
        this.problem('else-without-if', "extraneous 'else': no conditional is open", lineRange, 'error');
      else this.problem('endif-without-if', "extraneous 'endif': no conditional is open", lineRange, 'error');
      return;
    }
    const vt = view.text;
    const previousEnd = this.table.position(first > 0 ? this.table.ends[first - 1] : 0);
    open.branch.range.end = previousEnd;
    if (keyword === 'endif') {
      if (skipBlanks(vt, wordEnd, contentEnd) < contentEnd) {
        this.problem('bad-conditional', "extraneous text after 'endif' directive", lineRange, 'warning');
      }
      open.node.endifRange = lineRange;
      open.node.range.end = lineRange.end;
      this.conditionals.pop();
      this.target = open.parent;
      return;
    }
    if (open.sawElse) this.problem('bad-conditional', "only one 'else' per conditional", lineRange, 'error');
    const nextStart = skipBlanks(vt, wordEnd, contentEnd);
    const nextEnd = endOfToken(vt, nextStart, contentEnd);
    const chained = nextStart < contentEnd ? this.keywordAt(vt, nextStart, nextEnd) : null;
    let branch: ConditionalBranch;
    if (chained !== null && chained !== 'else' && chained !== 'endif') {
      branch = this.conditionalBranch(chained, view, nextEnd, contentEnd, lineRange);
    } else {
      if (nextStart < contentEnd)
        this.problem('bad-conditional', "extraneous text after 'else' directive", lineRange, 'warning');
      open.sawElse = true;
      branch = { keywordRange: lineRange, body: [], range: { start: lineRange.start, end: lineRange.end } };
    }
    open.node.branches.push(branch);
    open.branch = branch;
    if (this.conditionals.length <= MAX_TREE_DEPTH) this.target = branch.body;
  }

  private conditionalBranch(
    kind: ConditionalKind,
    view: LineView,
    start: number,
    end: number,
    lineRange: Range,
  ): ConditionalBranch {
    const parsed = parseCondition(view, kind, start, end);
    scanReferences(view, start, end, 'condition', this.references);
    if (parsed.error !== undefined) this.problem('bad-conditional', parsed.error, lineRange, 'error');
    else if (parsed.extraneous)
      this.problem('bad-conditional', `extraneous text after '${kind}' directive`, lineRange, 'warning');
    const branch: ConditionalBranch = {
      kind,
      keywordRange: lineRange,
      body: [],
      range: { start: lineRange.start, end: lineRange.end },
    };
    if (parsed.condition !== undefined) branch.condition = parsed.condition;
    if (parsed.operands !== undefined) branch.operands = parsed.operands;
    return branch;
  }

  /** A rule line or a target-specific assignment; false when the line has no top-level colon. */
  private parseRule(view: LineView, start: number, last: number): boolean {
    const parsed = parseRuleLine(view, start);
    if (parsed === null) return false;
    const { table } = this;
    if (parsed.comment >= 0) this.addComment(view, parsed.comment, last);
    scanReferences(view, parsed.targetSpan[0], parsed.targetSpan[1], 'target', this.references);
    if (parsed.variable !== null) {
      this.rule = null;
      this.addAssignment(view, parsed.variable, parsed.variableEnd, parsed.targets);
      return true;
    }
    scanReferences(
      view,
      parsed.prerequisiteSpan[0],
      parsed.prerequisiteSpan[1],
      'prerequisite',
      this.references,
    );
    const headerStart = view.position(start);
    const headerEnd = view.position(parsed.headerEnd);
    const rule: Rule = {
      type: 'rule',
      kind: parsed.kind,
      targets: parsed.targets,
      prerequisites: parsed.prerequisites,
      orderOnly: parsed.orderOnly,
      recipe: [],
      range: { start: headerStart, end: headerEnd },
      headerRange: { start: headerStart, end: headerEnd },
    };
    if (parsed.targetPattern !== undefined) rule.targetPattern = parsed.targetPattern;
    if (parsed.doubleColon) rule.doubleColon = true;
    this.target.push(rule);
    this.rule = rule;
    if (parsed.semicolon >= 0) {
      const text = this.text;
      let recipeStart = view.toSource(parsed.semicolon);
      const recipeEnd = table.ends[last];
      while (
        recipeStart < recipeEnd &&
        (text.charCodeAt(recipeStart) === SPACE || text.charCodeAt(recipeStart) === TAB)
      )
        recipeStart++;
      if (recipeStart < recipeEnd) {
        const end = trimRawEnd(text, recipeStart, recipeEnd);
        this.addRecipeLine(rule, recipeStart, end);
        rule.headerRange.end = rule.range.end;
      }
    }
    return true;
  }

  private parseUnknown(view: LineView, start: number, contentEnd: number, lineStart: number): void {
    const vt = view.text;
    const range = view.range(start, contentEnd);
    const node: Statement = { type: 'unknown', text: vt.slice(start, contentEnd), range };
    scanReferences(view, start, contentEnd, 'directive', this.references);
    if (onlyReferences(vt, start, contentEnd)) {
      // make reads it as a rule line that expands to nothing, which ends the recipe before it.
      this.rule = null;
      node.expandsOnly = true;
      this.target.push(node);
      return;
    }
    this.target.push(node);
    if (this.rule !== null && this.text.charCodeAt(lineStart) === SPACE) {
      this.problem('recipe-with-spaces', RECIPE_WITH_SPACES, range, 'error');
      return;
    }
    const hasReference = indexOfCode(vt, DOLLAR, start, contentEnd) >= 0;
    this.problem('missing-separator', 'missing separator', range, hasReference ? 'warning' : 'error');
  }
}

/**
 * Conditionals nested deeper than this keep their statements in the branch at this depth, so that
 * consumers walking the tree recursively (JSON.stringify included) cannot overflow the stack.
 */
const MAX_TREE_DEPTH = 100;

const RECIPE_WITH_SPACES = 'missing separator: recipe lines must start with a tab, not spaces';

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
