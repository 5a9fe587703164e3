// What a parse accumulates besides statements: references, comments and problems.
import type { Comment, ParseProblem, ProblemCode, Range, Reference } from './ast';
import { LineWord } from './lineSpans';
import type { LineTable } from './lineTable';
import type { LineView } from './lineView';
import { ListBuilder } from './listBuilder';

/**
 * The references of the file being parsed, in one buffer every parse reuses: grown by push() from
 * empty, a 100,000-line file's list would leave about twice its final size as garbage, and each
 * collection during a parse copies what the tree holds so far. Kept up to a size set by the file
 * just parsed (keptForText).
 */
const referenceBuffer = new ListBuilder<Reference>();

export class ParseOutput {
  readonly references: ListBuilder<Reference> = referenceBuffer;
  readonly comments: Comment[] = [];
  readonly problems: ParseProblem[] = [];

  constructor(readonly table: LineTable) {
    // A parse never throws, but a buffer left full by one that did must not leak into the next.
    referenceBuffer.clear();
  }

  problem(code: ProblemCode, message: string, range: Range, severity: 'error' | 'warning'): void {
    this.problems.push({ code, message, range, severity });
  }

  /** Records the make comment starting at `commentAt` and running to the end of logical line `last`. */
  comment(view: LineView, commentAt: number, last: number): void {
    if (commentAt >= view.end) return;
    const start = view.toSource(commentAt);
    const end = this.table.ends[last];
    const table = this.table;
    const text = table.text.slice(start, end);
    if (!table.onOneLine(start, end)) {
      this.comments.push({ text, range: table.range(start, end) });
      return;
    }
    const line = table.lineOf(start);
    this.comments.push(new LineWord(text, line, start - table.starts[line]));
  }
}
