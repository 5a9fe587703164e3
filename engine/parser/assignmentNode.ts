// A plain variable assignment written on one source line, kept as columns: its ranges are built when read.
import type { Assignment, AssignmentOperator, Range, VariableModifier, Word } from './ast';
import { lineRange, LineWord } from './lineSpans';

/**
 * `CFLAGS += -O2` on line `line`: the statement runs from column `from` to `to`, its value from
 * `valueFrom` to `valueTo`. A Range per statement and per value would cost 96 bytes more; a range
 * read from one is a new object each time (treat it, like the whole tree, as read-only).
 */
export class LineAssignment implements Assignment {
  constructor(
    /** The name as written, and its column: a Word kept per assignment cost a fifth of its bytes. */
    private readonly nameText: string,
    private readonly nameFrom: number,
    readonly operator: AssignmentOperator,
    readonly value: string,
    readonly modifiers: VariableModifier[],
    readonly line: number,
    readonly from: number,
    readonly valueFrom: number,
    readonly valueTo: number,
    readonly to: number,
  ) {}

  get type(): 'assignment' {
    return 'assignment';
  }

  get name(): Word {
    return new LineWord(this.nameText, this.line, this.nameFrom);
  }

  /** The name holds a reference (`OBJS-$(CONFIG_X) += a.o`). */
  get computedName(): boolean {
    return this.nameText.indexOf('$') >= 0;
  }

  /** Never a define block (defineBlocks.ts builds those). */
  get define(): false {
    return false;
  }

  get range(): Range {
    return lineRange(this.line, this.from, this.to);
  }

  get valueRange(): Range {
    return lineRange(this.line, this.valueFrom, this.valueTo);
  }

  toJSON(): Assignment {
    const { type, name, computedName, operator, value, valueRange, modifiers, define, range } = this;
    return { type, name, computedName, operator, value, valueRange, modifiers, define, range };
  }
}
