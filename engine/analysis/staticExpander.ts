// Expands a make expression when its value is known without running make (used for include paths).
import * as path from 'node:path';

export interface StaticScope {
  /** The raw value and flavor of a variable, or undefined when the file does not define it. */
  lookup(name: string): { value: string; recursive: boolean } | undefined;
  /** Path of the makefile being read: `$(lastword $(MAKEFILE_LIST))` at that point. */
  currentFile: string;
  /** The directory make runs in: `$(CURDIR)`. */
  curdir: string;
  /** Expand unknown variables to nothing, as make does, instead of giving up. */
  unknownIsEmpty?: boolean;
}

const MAX_DEPTH = 20;

/** The expanded text, or undefined when any part of it depends on something only make knows. */
export function expandStatically(text: string, scope: StaticScope, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (next !== '(' && next !== '{') {
      if (next === undefined) return undefined;
      const value = expandVariable(next, scope, depth);
      if (value === undefined) return undefined;
      out += value;
      i = dollar + 2;
      continue;
    }
    const close = next === '(' ? ')' : '}';
    const end = findClosing(text, dollar + 2, next, close);
    if (end < 0) return undefined;
    const inner = text.slice(dollar + 2, end);
    const value = expandInner(inner, scope, depth);
    if (value === undefined) return undefined;
    out += value;
    i = end + 1;
  }
  return out;
}

function findClosing(text: string, from: number, open: string, close: string): number {
  let level = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === open) level++;
    else if (c === close && --level === 0) return i;
  }
  return -1;
}

function expandInner(inner: string, scope: StaticScope, depth: number): string | undefined {
  const space = inner.search(/[ \t]/);
  const head = space < 0 ? inner : inner.slice(0, space);
  if (space > 0 && head === 'if') return expandIf(inner.slice(space + 1).trimStart(), scope, depth);
  const fn = FUNCTIONS[head];
  if (space > 0 && fn) {
    const argument = expandStatically(inner.slice(space + 1).trimStart(), scope, depth + 1);
    return argument === undefined ? undefined : fn(argument, scope);
  }
  const name = expandStatically(inner, scope, depth + 1);
  if (name === undefined) return undefined;
  const substitution = /^([^:\s]+):([^=]*)=(.*)$/s.exec(name);
  if (substitution) {
    const [, variable, from, to] = substitution as unknown as [string, string, string, string];
    const value = expandVariable(variable, scope, depth);
    return value === undefined ? undefined : substitute(value, from, to);
  }
  return expandVariable(name, scope, depth);
}

/** `$(if COND,THEN[,ELSE])`: only the chosen branch is expanded, as make does. */
function expandIf(text: string, scope: StaticScope, depth: number): string | undefined {
  const [condition, then, otherwise = ''] = splitArguments(text);
  if (condition === undefined || then === undefined) return undefined;
  const chosen = expandStatically(condition.trim(), scope, depth + 1);
  if (chosen === undefined) return undefined;
  return expandStatically(chosen.trim() === '' ? otherwise : then, scope, depth + 1);
}

/** A function's arguments: split at the commas outside parentheses and braces. */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let level = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '{') level++;
    else if (c === ')' || c === '}') level--;
    else if (c === ',' && level === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `$(VAR:from=to)`: a suffix replacement, or a pattern replacement when `from` holds a `%`. */
function substitute(value: string, from: string, to: string): string {
  const pattern = from.includes('%') ? from : `%${from}`;
  const replacement = from.includes('%') ? to : `%${to}`;
  const [prefix, suffix] = [pattern.slice(0, pattern.indexOf('%')), pattern.slice(pattern.indexOf('%') + 1)];
  return words(value)
    .map((word) => {
      if (!word.startsWith(prefix) || !word.endsWith(suffix) || word.length < prefix.length + suffix.length)
        return word;
      const stem = word.slice(prefix.length, word.length - suffix.length);
      return replacement.replace('%', stem);
    })
    .join(' ');
}

function expandVariable(name: string, scope: StaticScope, depth: number): string | undefined {
  if (name === 'MAKEFILE_LIST') return scope.currentFile;
  if (name === 'CURDIR') return scope.curdir;
  const variable = scope.lookup(name);
  if (!variable) return scope.unknownIsEmpty ? '' : undefined;
  return variable.recursive ? expandStatically(variable.value, scope, depth + 1) : variable.value;
}

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w.length > 0);

// Only the single-argument functions that path idioms use; anything else stays unknown.
const FUNCTIONS: Record<string, (argument: string, scope: StaticScope) => string> = {
  dir: (a) =>
    words(a)
      .map((w) => (w.includes('/') ? w.slice(0, w.lastIndexOf('/') + 1) : './'))
      .join(' '),
  notdir: (a) =>
    words(a)
      .map((w) => w.slice(w.lastIndexOf('/') + 1))
      .join(' '),
  lastword: (a) => words(a).at(-1) ?? '',
  firstword: (a) => words(a)[0] ?? '',
  strip: (a) => words(a).join(' '),
  abspath: (a, scope) =>
    words(a)
      .map((w) => path.resolve(scope.curdir, w))
      .join(' '),
  realpath: (a, scope) =>
    words(a)
      .map((w) => path.resolve(scope.curdir, w))
      .join(' '),
};
