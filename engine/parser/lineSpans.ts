// Words and references that sit on one source line, exactly as written: they keep a line and a column
// and build their LSP range when it is asked for, instead of holding Range and Position objects.
import type { Range, RecipeLine, Reference, ReferenceContext, Word } from './ast';

/**
 * Most words, comments and references of a file. A plain `{ text, range }` costs a Range and up to
 * two Positions on top of the word (~170 bytes with V8's 64-bit fields); this costs three fields.
 * A range read from one is a new object each time: treat it, like the whole tree, as read-only.
 */
function lineRange(line: number, from: number, to: number): Range {
  return { start: { line, character: from }, end: { line, character: to } };
}

/** A word (or a comment) whose source text is exactly `text`, on line `line` from column `character`. */
export class LineWord implements Word {
  constructor(
    readonly text: string,
    readonly line: number,
    readonly character: number,
  ) {}

  get range(): Range {
    return lineRange(this.line, this.character, this.character + this.text.length);
  }
}

/** `$(NAME)` or `${NAME}` as written on one line (no function, nesting or substitution). */
export class BracedReference implements Reference {
  constructor(
    readonly name: string,
    readonly line: number,
    readonly character: number,
    readonly context: ReferenceContext,
  ) {}

  get range(): Range {
    return lineRange(this.line, this.character, this.character + this.name.length + 3);
  }

  get nameRange(): Range {
    return lineRange(this.line, this.character + 2, this.character + 2 + this.name.length);
  }
}

/** `$x`: a one-character name (`$@`, `$<`, `$A`). */
export class ShortReference implements Reference {
  constructor(
    readonly name: string,
    readonly line: number,
    readonly character: number,
    readonly context: ReferenceContext,
  ) {}

  get range(): Range {
    return lineRange(this.line, this.character, this.character + 2);
  }

  get nameRange(): Range {
    return lineRange(this.line, this.character + 1, this.character + 2);
  }
}

/** A recipe line written on one source line (no continuation). */
export class LineRecipe implements RecipeLine {
  constructor(
    readonly text: string,
    readonly line: number,
    readonly character: number,
    readonly prefixes: string,
    readonly runsUnderDryRun: boolean,
  ) {}

  get range(): Range {
    return lineRange(this.line, this.character, this.character + this.text.length);
  }
}
