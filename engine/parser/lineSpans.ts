// Words and references that sit on one source line, exactly as written: they keep a line and a column
// and build their LSP range when it is asked for, instead of holding Range and Position objects.
import type { Position, Range, RecipeLine, Reference, ReferenceContext, Word } from './ast';
import { recipePrefixes, runsUnderDryRun } from './recipeCommand';

/**
 * Most words, comments and references of a file. A plain `{ text, range }` costs a Range and up to
 * two Positions on top of the word (~170 bytes with V8's 64-bit fields); this costs three fields.
 * A range read from one is a new object each time: treat it, like the whole tree, as read-only.
 */
export function lineRange(line: number, from: number, to: number): Range {
  return { start: { line, character: from }, end: { line, character: to } };
}

/**
 * A range within one line (a statement, a value, a problem...): three fields whose `start` and
 * `end` are built when read. JSON.stringify (the LSP wire, the CLI's --json) sees a plain Range.
 */
export class LineRange implements Range {
  constructor(
    readonly line: number,
    readonly from: number,
    readonly to: number,
  ) {}

  get start(): Position {
    return { line: this.line, character: this.from };
  }

  get end(): Position {
    return { line: this.line, character: this.to };
  }

  toJSON(): Range {
    return lineRange(this.line, this.from, this.to);
  }
}

/** The range from `start` to `end`, as a LineRange when both are on one line. */
export function rangeBetween(start: Position, end: Position): Range {
  return start.line === end.line
    ? new LineRange(start.line, start.character, end.character)
    : new SpanRange(start.line, start.character, end.line, end.character);
}

/** A range over several lines (a rule with its recipe), its positions built when read. */
export class SpanRange implements Range {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}

  get start(): Position {
    return { line: this.startLine, character: this.startCharacter };
  }

  get end(): Position {
    return { line: this.endLine, character: this.endCharacter };
  }

  toJSON(): Range {
    return { start: this.start, end: this.end };
  }
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

  toJSON(): Word {
    return { text: this.text, range: this.range };
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

  toJSON(): Reference {
    return referenceJson(this);
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

  toJSON(): Reference {
    return referenceJson(this);
  }
}

function referenceJson(reference: Reference): Reference {
  const { name, range, nameRange, context } = reference;
  return { name, range, nameRange, context };
}

/**
 * A recipe line written on one source line (no continuation): its prefixes and whether it runs
 * under -n are read from its text when asked for.
 */
export class LineRecipe implements RecipeLine {
  constructor(
    readonly text: string,
    readonly line: number,
    readonly character: number,
  ) {}

  get range(): Range {
    return lineRange(this.line, this.character, this.character + this.text.length);
  }

  get prefixes(): string {
    return recipePrefixes(this.text);
  }

  get runsUnderDryRun(): boolean {
    return runsUnderDryRun(this.text, this.prefixes);
  }

  toJSON(): RecipeLine {
    const { text, range, prefixes, runsUnderDryRun } = this;
    return { text, range, prefixes, runsUnderDryRun };
  }
}
