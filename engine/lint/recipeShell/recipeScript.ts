// A recipe line as the shell receives it, make's escaping undone (`$$` -> `$`, references -> same-length
// placeholders), with the Makefile position of every character so a shell's finding maps back to line and column.
import type { Position, RecipeLine } from '../../parser/ast';

export interface RecipeScript {
  /** The shell text (tabs kept; continuation lines keep their backslash-newline as make passes them). */
  text: string;
  /** Makefile position of each character of `text`, and one more for its end. */
  positions: Position[];
}

/** The closing bracket of the reference opening at `open` (`(` or `{`), nesting counted; -1 when unclosed. */
function closingBracket(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === opener) depth++;
    else if (text[i] === closer && --depth === 0) return i;
  }
  return -1;
}

/** Where a command starts: after nothing, a newline (not a continuation's), `;`, `&`, `|`, `(` or `{`, blanks apart. */
function atCommandStart(shellText: string): boolean {
  let k = shellText.length - 1;
  for (;;) {
    while (k >= 0 && (shellText[k] === ' ' || shellText[k] === '\t')) k--;
    // A backslash-newline joins the lines: what came before it decides.
    if (k >= 1 && shellText[k] === '\n' && shellText[k - 1] === '\\') {
      k -= 2;
      continue;
    }
    return k < 0 || '\n;&|({'.includes(shellText[k]!);
  }
}

const RESERVED_WORD = /^(?:if|then|else|elif|fi|for|while|until|do|done|case|esac|\{|\}|!)(?=[\s;&|()<>]|$)/;

/** Whether the recipe text from `from` on, blanks and continuations skipped, starts with a shell reserved word. */
function reservedWordAt(source: string, from: number): boolean {
  let k = from;
  while (k < source.length && (/[ \t]/.test(source[k]!) || (source[k] === '\\' && source[k + 1] === '\n'))) {
    k += source[k] === '\\' ? 2 : 1;
    if (source[k - 1] === '\n' && source[k] === '\t') k++;
  }
  return RESERVED_WORD.test(source.slice(k, k + 6));
}

/**
 * The shell text of recipe lines (one, or a whole recipe under .ONESHELL, joined by newlines). Prefixes
 * `@-+` are dropped from the first line (and, under .ONESHELL, from later ones as make does with a POSIX shell).
 */
export function recipeScript(lines: readonly RecipeLine[]): RecipeScript {
  let text = '';
  const positions: Position[] = [];
  const push = (chars: string, at: Position): void => {
    text += chars;
    for (let k = 0; k < chars.length; k++) positions.push({ line: at.line, character: at.character + k });
  };
  lines.forEach((recipeLine, index) => {
    if (index > 0) push('\n', positions[positions.length - 1] ?? recipeLine.range.start);
    const source = recipeLine.text;
    let line = recipeLine.range.start.line;
    let column = recipeLine.range.start.character;
    let i = 0;
    const advance = (count: number): void => {
      for (let k = 0; k < count; k++) {
        if (source[i + k] === '\n') {
          line++;
          column = 0;
        } else column++;
      }
      i += count;
    };
    while (i < source.length && /[@+\-\s]/.test(source[i] ?? '') && source[i] !== '\n') advance(1);
    while (i < source.length) {
      const c = source[i];
      const at = { line, character: column };
      if (c === '$') {
        const next = source[i + 1];
        if (next === '$') {
          push('$', at);
          advance(2);
          continue;
        }
        const end = next === '(' || next === '{' ? closingBracket(source, i + 1) : i + 1;
        const length = (end < 0 ? source.length - 1 : end) - i + 1;
        // A word of the same length: the shell sees an ordinary argument where make would put a value. A
        // reference that starts a command right before a reserved word (git's `$(QUIET_GCOV)for dir in`) is
        // empty or ends its own command (`@echo GCOV;`): blanks, or the shell would read `if`/`for` as words.
        const filler = atCommandStart(text) && reservedWordAt(source, i + length) ? ' ' : 'x';
        push(filler.repeat(Math.min(length, source.length - i)), at);
        advance(Math.min(length, source.length - i));
        continue;
      }
      if (c === '\n' && source[i + 1] === '\t') {
        // make drops the recipe prefix (a tab) that starts a continuation line.
        push('\n', at);
        advance(2);
        continue;
      }
      push(c ?? '', at);
      advance(1);
    }
  });
  positions.push(
    positions.length > 0
      ? { ...positions[positions.length - 1]!, character: positions[positions.length - 1]!.character + 1 }
      : (lines[0]?.range.start ?? { line: 0, character: 0 }),
  );
  return { text, positions };
}

/** The Makefile position of the shell's (1-based) line and column in `script`. */
export function positionOf(script: RecipeScript, shellLine: number, shellColumn: number): Position {
  let offset = 0;
  for (let l = 1; l < shellLine; l++) {
    const next = script.text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  const index = Math.min(offset + Math.max(0, shellColumn - 1), script.positions.length - 1);
  return script.positions[index] ?? { line: 0, character: 0 };
}
