// Computed, substitution and function-call references written on one source line, kept as offsets:
// their name, ranges and arguments are read from the source when asked for.
import type { Range, Reference, ReferenceContext, Word } from './ast';
import { argumentWords, firstArgumentStart } from './functionArguments';
import { LineWord, lineRange } from './lineSpans';

const CONTEXTS: readonly ReferenceContext[] = [
  'assignment-name',
  'assignment-value',
  'target',
  'prerequisite',
  'recipe',
  'condition',
  'include',
  'directive',
];
const CONTEXT_BITS = 7;
const COMPUTED = 8;
const SUBSTITUTION = 16;
/** Set on a function call closed by its parenthesis (an unclosed one runs to the end of its span). */
const CLOSED = 32;
const FLAG_BITS = 6;
/** Longest name kept as an offset; a longer one (a hostile file) keeps its own Range objects. */
export const LONGEST_PACKED_NAME = (1 << 24) - 1;

/**
 * Fields a reference on one line needs: where it is (`line`, `character`, `length`) and the text it
 * was scanned in (`source`, with the `$` at `at`). Its ranges are built on every read, like a LineWord's.
 */
abstract class SpanReference implements Reference {
  abstract readonly name: string;

  constructor(
    readonly source: string,
    readonly at: number,
    readonly line: number,
    readonly character: number,
    readonly length: number,
    /** The context's index, the flags, and for a computed reference its name's length. */
    protected readonly bits: number,
  ) {}

  get context(): ReferenceContext {
    return CONTEXTS[this.bits & CONTEXT_BITS];
  }

  get range(): Range {
    return lineRange(this.line, this.character, this.character + this.length);
  }

  get nameRange(): Range {
    const from = this.character + 2;
    return lineRange(this.line, from, from + this.name.length);
  }
}

/**
 * `$($(X)_FLAGS)`, `$(SRCS:.c=.o)` or an unknown name with blanks: the name is the raw text up to
 * the substitution's colon, sliced when read (a nested hostile line would otherwise keep a string
 * per reference), with the context and the flags packed in one number.
 */
export class ComputedReference extends SpanReference {
  static bits(
    context: ReferenceContext,
    computed: boolean,
    substitution: boolean,
    nameLength: number,
  ): number {
    return (
      CONTEXTS.indexOf(context) |
      (computed ? COMPUTED : 0) |
      (substitution ? SUBSTITUTION : 0) |
      (nameLength << FLAG_BITS)
    );
  }

  get name(): string {
    const from = this.at + 2;
    return this.source.slice(from, from + (this.bits >>> FLAG_BITS));
  }

  get computed(): true | undefined {
    return (this.bits & COMPUTED) !== 0 ? true : undefined;
  }

  get substitution(): true | undefined {
    return (this.bits & SUBSTITUTION) !== 0 ? true : undefined;
  }

  toJSON(): Reference {
    const { name, range, nameRange, context, computed, substitution } = this;
    const json: Reference = { name, range, nameRange, context };
    if (computed) json.computed = true;
    if (substitution) json.substitution = true;
    return json;
  }
}

/** `$(patsubst %.c,%.o,$(SRCS))`: its argument words are cut from the source when read. */
export class FunctionCallReference extends SpanReference {
  constructor(
    source: string,
    at: number,
    line: number,
    character: number,
    length: number,
    bits: number,
    readonly name: string,
    /** Offsets in `source` of the commas that split the arguments (functionArguments.ts). */
    private readonly commas: readonly number[],
  ) {
    super(source, at, line, character, length, bits);
  }

  static bits(context: ReferenceContext, closed: boolean): number {
    return CONTEXTS.indexOf(context) | (closed ? CLOSED : 0);
  }

  get functionName(): string {
    return this.name;
  }

  /** A new list on every read (the tree is read-only, so no caller needs the same one twice). */
  get args(): Word[] {
    const { source, at, line, character } = this;
    const end = at + this.length;
    const contentEnd = (this.bits & CLOSED) !== 0 ? end - 1 : end;
    const argStart = firstArgumentStart(source, at + 2 + this.name.length, contentEnd);
    return argumentWords(
      argStart,
      this.commas,
      contentEnd,
      (start, stop) => new LineWord(source.slice(start, stop), line, character + start - at),
    );
  }

  toJSON(): Reference {
    const { name, range, nameRange, context, args } = this;
    return { name, range, nameRange, context, functionName: name, args };
  }
}
