// Character-level helpers shared by the line parsers: blanks, words, reference skipping, comments.
import type { Word } from './ast';
import { ListBuilder, emptyList } from './listBuilder';
import type { LineView } from './lineView';

export const TAB = 9;
export const SPACE = 32;
export const DOLLAR = 36;
export const HASH = 35;
export const BACKSLASH = 92;
export const COLON = 58;
export const SEMICOLON = 59;
export const EQUALS = 61;

export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

export function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  return i;
}

export function trimEndBlanks(text: string, start: number, end: number): number {
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Index just past the word starting at `i` (a word ends at a blank; references are not looked into). */
export function endOfToken(text: string, i: number, end: number): number {
  while (i < end && !isBlank(text.charCodeAt(i))) i++;
  return i;
}

/**
 * `text[i]` is `$`: returns the index just past the reference. Like make, `$(`...`)` is matched by
 * counting only its own kind of parenthesis; an unterminated one runs to `end`.
 */
export function skipReference(text: string, i: number, end: number): number {
  if (i + 1 >= end) return end;
  const open = text.charCodeAt(i + 1);
  if (open !== 40 && open !== 123) return i + 2;
  const close = open === 40 ? 41 : 125;
  let depth = 0;
  for (let j = i + 2; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === open) depth++;
    else if (c === close && depth-- === 0) return j + 1;
  }
  return end;
}

/** Index of the first `code` in `text[start, end)`, or -1; unlike indexOf it never looks past `end`. */
export function indexOfCode(text: string, code: number, start: number, end: number): number {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** How many backslashes stand right before `at`, counting back no further than `floor`. */
export function backslashesBefore(text: string, at: number, floor: number): number {
  let i = at;
  while (i > floor && text.charCodeAt(i - 1) === BACKSLASH) i--;
  return at - i;
}

/**
 * First `#` in `view.text[start, end)` not escaped by an odd run of backslashes, or `end`
 * (make ignores `$(...)` here).
 */
export function findComment(view: LineView, start: number, end: number): number {
  const text = view.text;
  let i = view.indexOfHash(start, end);
  while (i >= 0) {
    if ((backslashesBefore(text, i, start) & 1) === 0) return i;
    i = view.indexOfHash(i + 1, end);
  }
  return end;
}

/**
 * The value make stores for `text[start, end)`: `\#` unquoted, and when a comment follows, the
 * backslash pairs just before it halved (`x\\# c` stores `x\`).
 */
export function storedValue(text: string, start: number, end: number): string {
  let value = unescapeHash(text.slice(start, end));
  if (end < text.length && text.charCodeAt(end) === HASH) {
    const backslashes = backslashesBefore(text, end, start);
    if (backslashes > 0) value = value.slice(0, value.length - (backslashes >> 1));
  }
  return value;
}

/** Applies make's comment unquoting to a value: `\#` becomes `#`, and backslash pairs before `#` halve. */
export function unescapeHash(value: string): string {
  if (value.indexOf('\\#') < 0) return value;
  const parts: string[] = [];
  let from = 0;
  let i = value.indexOf('#');
  while (i >= 0) {
    const backslashes = backslashesBefore(value, i, from);
    if (backslashes > 0) {
      parts.push(value.slice(from, i - backslashes), '\\'.repeat(backslashes >> 1), '#');
      from = i + 1;
    }
    i = value.indexOf('#', i + 1);
  }
  parts.push(value.slice(from));
  return parts.join('');
}

const words = new ListBuilder<Word>();

/** Splits `view.text[start, end)` into blank-separated words, keeping `$(a b)` whole. */
export function splitWords(view: LineView, start: number, end: number): Word[] {
  const text = view.text;
  let i = skipBlanks(text, start, end);
  // Most lists hold one word: the builder only comes in from the second one.
  let first: Word | null = null;
  while (i < end) {
    const wordStart = i;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) break;
      if (c === DOLLAR) i = skipReference(text, i, end);
      else i++;
    }
    const word = wordAt(view, wordStart, i);
    if (first === null) first = word;
    else {
      if (words.length === 0) words.add(first);
      words.add(word);
    }
    i = skipBlanks(text, i, end);
  }
  if (first === null) return emptyList();
  return words.length === 0 ? [first] : words.take();
}

export function wordAt(view: LineView, start: number, end: number): Word {
  return view.word(start, end);
}

/** True when `text[start, end)` equals the ASCII `word`. */
export function matches(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (text.charCodeAt(start + k) !== word.charCodeAt(k)) return false;
  return true;
}
