// Tracks open ifeq/ifdef... blocks: builds their branches and says where statements belong.
import type { ConditionalKind, Position, Range, Statement } from './ast';
import { BranchNode, ConditionalNode } from './conditionalNodes';
import { emptyList, ListBuilder } from './listBuilder';
import { CONDITIONAL_KEYWORDS, parseCondition } from './conditionals';
import type { LineView } from './lineView';
import type { ParseOutput } from './output';
import { scanReferences } from './referenceScanner';
import { endOfToken, matches, skipBlanks } from './scan';

export type ConditionalKeyword = ConditionalKind | 'else' | 'endif';

/**
 * Conditionals nested deeper than this keep their statements in the branch at this depth, so that
 * consumers walking the tree recursively (JSON.stringify included) cannot overflow the stack.
 */
const MAX_TREE_DEPTH = 100;

interface OpenConditional {
  node: ConditionalNode;
  branch: BranchNode;
  sawElse: boolean;
  parent: ListBuilder<Statement>;
  /** Where the open branch's statements are collected; null beyond MAX_TREE_DEPTH (they go to the parent's). */
  body: ListBuilder<Statement> | null;
}

export function conditionalKeywordAt(text: string, start: number, end: number): ConditionalKeyword | null {
  const length = end - start;
  if (length < 4 || length > 6) return null;
  for (const keyword of CONDITIONAL_KEYWORDS) if (matches(text, start, end, keyword)) return keyword;
  if (matches(text, start, end, 'else')) return 'else';
  if (matches(text, start, end, 'endif')) return 'endif';
  return null;
}

export class ConditionalBlocks {
  private readonly open: OpenConditional[] = [];
  /**
   * One body builder per nesting depth, reused by every branch at that depth: a body grown by
   * push() from empty leaves its growing arrays as garbage, and a branch's body is known whole
   * only when it closes.
   */
  private readonly bodies: ListBuilder<Statement>[] = [];
  /** Where statements go: the file, or the body of the innermost open branch. */
  target: ListBuilder<Statement>;

  constructor(
    root: ListBuilder<Statement>,
    private readonly output: ParseOutput,
  ) {
    this.target = root;
  }

  /**
   * Handles one directive line. `view.text[start, contentEnd)` is the line without its comment,
   * the keyword ending at `wordEnd`; `previousEnd` is where the line before it ends.
   */
  directive(
    keyword: ConditionalKeyword,
    view: LineView,
    start: number,
    wordEnd: number,
    contentEnd: number,
    previousEnd: Position,
  ): void {
    const output = this.output;
    const lineRange = view.range(start, contentEnd);
    if (keyword !== 'else' && keyword !== 'endif') {
      const branch = this.branch(keyword, view, wordEnd, contentEnd, lineRange);
      const node = new ConditionalNode([branch]);
      this.target.add(node);
      const depth = this.open.length + 1;
      const body = depth <= MAX_TREE_DEPTH ? this.bodyAt(depth) : null;
      this.open.push({ node, branch, sawElse: false, parent: this.target, body });
      if (body !== null) this.target = body;
      return;
    }
    const open = this.open.length > 0 ? this.open[this.open.length - 1] : null;
    if (open === null) {
      if (keyword === 'else')
        output.problem('else-without-if', "extraneous 'else': no conditional is open", lineRange, 'error');
      else
        output.problem('endif-without-if', "extraneous 'endif': no conditional is open", lineRange, 'error');
      return;
    }
    const text = view.text;
    open.branch.close(previousEnd);
    settle(open);
    if (keyword === 'endif') {
      if (skipBlanks(text, wordEnd, contentEnd) < contentEnd)
        output.problem('bad-conditional', "extraneous text after 'endif' directive", lineRange, 'warning');
      open.node.endifRange = lineRange;
      settleBranches(open.node);
      this.open.pop();
      this.target = open.parent;
      return;
    }
    if (open.sawElse)
      output.problem('bad-conditional', "only one 'else' per conditional", lineRange, 'error');
    const nextStart = skipBlanks(text, wordEnd, contentEnd);
    const nextEnd = endOfToken(text, nextStart, contentEnd);
    const chained = nextStart < contentEnd ? conditionalKeywordAt(text, nextStart, nextEnd) : null;
    let branch: BranchNode;
    if (chained !== null && chained !== 'else' && chained !== 'endif') {
      branch = this.branch(chained, view, nextEnd, contentEnd, lineRange);
    } else {
      if (nextStart < contentEnd)
        output.problem('bad-conditional', "extraneous text after 'else' directive", lineRange, 'warning');
      open.sawElse = true;
      branch = new BranchNode(undefined, undefined, undefined, lineRange, emptyList());
    }
    open.node.branches.push(branch);
    open.branch = branch;
  }

  /** At the end of the file: every block still open runs to `end` and is reported at its `if`. */
  closeAll(end: Position): void {
    while (this.open.length > 0) {
      const open = this.open.pop() as OpenConditional;
      open.branch.close(end);
      open.node.closeAtEnd(end);
      settle(open);
      settleBranches(open.node);
      const opening = open.node.branches[0].keywordRange;
      this.output.problem(
        'unterminated-conditional',
        "missing 'endif': unterminated conditional",
        opening,
        'error',
      );
    }
  }

  private branch(
    kind: ConditionalKind,
    view: LineView,
    start: number,
    end: number,
    lineRange: Range,
  ): BranchNode {
    const parsed = parseCondition(view, kind, start, end);
    scanReferences(view, start, end, 'condition', this.output.references);
    if (parsed.error !== undefined) this.output.problem('bad-conditional', parsed.error, lineRange, 'error');
    else if (parsed.extraneous)
      this.output.problem(
        'bad-conditional',
        `extraneous text after '${kind}' directive`,
        lineRange,
        'warning',
      );
    return new BranchNode(kind, parsed.condition, parsed.operands, lineRange, emptyList());
  }

  /** The (empty) body builder for a branch opened at `depth`. */
  private bodyAt(depth: number): ListBuilder<Statement> {
    while (this.bodies.length < depth) this.bodies.push(new ListBuilder<Statement>());
    return this.bodies[depth - 1];
  }
}

/**
 * A closed branch gets its body at its exact size (every statement nested in it has been added
 * when it closes, and nothing adds to a closed body); the builder is then empty for the next
 * branch at its depth. A branch beyond MAX_TREE_DEPTH keeps the empty body it was made with.
 */
function settle(open: OpenConditional): void {
  if (open.body !== null) open.branch.body = open.body.take();
}

/** The same for a closed conditional's branch list, grown by push() from one at each else. */
function settleBranches(node: ConditionalNode): void {
  if (node.branches.length > 1) node.branches = node.branches.slice();
}
