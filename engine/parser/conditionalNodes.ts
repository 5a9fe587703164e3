// Conditional and branch nodes that keep where they end as numbers and build their ranges when read.
import type {
  Conditional,
  ConditionalBranch,
  ConditionalKind,
  Position,
  Range,
  Statement,
  Word,
} from './ast';
import { LineRange, rangeBetween } from './lineSpans';

/**
 * One branch: from its keyword line to the line before the next `else` or the `endif` (or to the
 * end of the file). Until it closes it ends where its keyword line does.
 */
export class BranchNode implements ConditionalBranch {
  private endLine: number;
  private endCharacter: number;
  /** A keyword line that is one source line (most are) as its line and columns, -1 otherwise (as a rule's header). */
  private readonly keywordLine: number;
  private readonly keywordFrom: number;
  private readonly keywordTo: number;
  // Set after construction on the few branches whose keyword line is continued.
  declare private keywordSpan?: Range;

  constructor(
    readonly kind: ConditionalKind | undefined,
    readonly condition: Word | undefined,
    readonly operands: [Word, Word] | undefined,
    keywordRange: Range,
    public body: Statement[],
  ) {
    const oneLine = keywordRange instanceof LineRange;
    this.keywordLine = oneLine ? keywordRange.line : -1;
    this.keywordFrom = oneLine ? keywordRange.from : 0;
    this.keywordTo = oneLine ? keywordRange.to : 0;
    if (!oneLine) this.keywordSpan = keywordRange;
    const end = keywordRange.end;
    this.endLine = end.line;
    this.endCharacter = end.character;
  }

  /** The keyword's line (`ifeq (a,b)`, `else ifdef X`, `else`), continuation lines included. */
  get keywordRange(): Range {
    return this.keywordLine < 0
      ? (this.keywordSpan as Range)
      : new LineRange(this.keywordLine, this.keywordFrom, this.keywordTo);
  }

  close(end: Position): void {
    this.endLine = end.line;
    this.endCharacter = end.character;
  }

  get range(): Range {
    return rangeBetween(this.keywordRange.start, { line: this.endLine, character: this.endCharacter });
  }

  toJSON(): ConditionalBranch {
    const { kind, condition, operands, keywordRange, body, range } = this;
    return { kind, condition, operands, keywordRange, body, range };
  }
}

/** A whole conditional: from its first keyword line to its `endif`, or to the end of the file. */
export class ConditionalNode implements Conditional {
  endifRange: Range | undefined = undefined;
  /** Where an unterminated conditional ends (the end of the file). */
  private openEnd: Position | undefined = undefined;

  constructor(public branches: BranchNode[]) {}

  get type(): 'conditional' {
    return 'conditional';
  }

  /** Ends at the end of the file, never closed. */
  closeAtEnd(end: Position): void {
    this.openEnd = end;
  }

  get range(): Range {
    const keywordRange = this.branches[0].keywordRange;
    const end = this.endifRange?.end ?? this.openEnd;
    return end === undefined ? keywordRange : rangeBetween(keywordRange.start, end);
  }

  toJSON(): Conditional {
    const { type, branches, endifRange, range } = this;
    return { type, branches, endifRange, range };
  }
}
