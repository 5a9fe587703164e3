// Parses a rule line: targets, the kind of rule, prerequisites, order-only ones, a `;` recipe, or a target-specific variable.
import type { RuleKind, Word } from './ast';
import { parseVariableAssignment, type VariableAssignment } from './assignments';
import type { LineView } from './lineView';
import { ListBuilder, emptyList, list, type ListOrItem } from './listBuilder';
import {
  backslashesBefore,
  COLON,
  DOLLAR,
  EQUALS,
  HASH,
  SEMICOLON,
  skipBlanks,
  SPACE,
  TAB,
  isBlank,
  skipReference,
  trimEndBlanks,
  wordAt,
} from './scan';

const PIPE = 124;
const PERCENT = 37;

/** What parseRuleLine found; one object per parse, filled again for every rule line. */
export interface RuleLine {
  /** One word is kept as itself (RuleNode keeps it so): no one-item array to throw away. */
  targets: ListOrItem<Word>;
  kind: RuleKind;
  doubleColon: boolean;
  targetPattern: Word | undefined;
  prerequisites: ListOrItem<Word>;
  orderOnly: Word[];
  /** Spans (view offsets) for reference scanning. */
  targetsStart: number;
  targetsEnd: number;
  prerequisitesStart: number;
  prerequisitesEnd: number;
  /** View offset just past `;`, or -1. */
  semicolon: number;
  /** Where the header's own text ends (before a comment or `;`), trailing blanks trimmed. */
  headerEnd: number;
  /** View offset where a make comment starts, or -1. */
  comment: number;
  /** A target-specific assignment (`debug: CFLAGS += -g`) and where its value ends. */
  variable: VariableAssignment | null;
  variableEnd: number;
}

/** A RuleLine to fill: the parser keeps one rather than allocate one per rule line. */
export function newRuleLine(): RuleLine {
  return {
    targets: emptyList(),
    kind: 'explicit',
    doubleColon: false,
    targetPattern: undefined,
    prerequisites: emptyList(),
    orderOnly: emptyList(),
    targetsStart: 0,
    targetsEnd: 0,
    prerequisitesStart: 0,
    prerequisitesEnd: 0,
    semicolon: -1,
    headerEnd: 0,
    comment: -1,
    variable: null,
    variableEnd: 0,
  };
}

/**
 * Parses `view.text[start, view.end)` as a rule line into `line` (every field is set); false when
 * the line holds no top-level colon.
 */
export function parseRuleLine(view: LineView, start: number, line: RuleLine): boolean {
  const text = view.text;
  const end = view.end;
  // One pass, like make's: stop at `;` or a comment outside references, noting the colons and `|`.
  let cut = end;
  let semicolon = -1;
  let comment = -1;
  let colon = -1;
  let secondColon = -1;
  let pipe = -1;
  // A `%` written in the targets (one inside `$(patsubst %.c,...)` is skipped with its reference).
  let percent = false;
  // An `=` after the colon, outside references: without one the line holds no target-specific variable.
  let equals = false;
  // The same pass notes the blank runs outside references, where the word lists split.
  runCount = 0;
  for (let i = start; i < end; ) {
    const c = text.charCodeAt(i);
    if (isPlain(c)) {
      if (c <= SPACE && (c === SPACE || c === TAB)) {
        const runStart = i++;
        while (i < end && isBlank(text.charCodeAt(i))) i++;
        addRun(runStart, i);
        continue;
      }
      i++;
      continue;
    }
    if (c === DOLLAR) {
      i = skipReference(text, i, end);
      continue;
    }
    if (c === PERCENT) {
      if (colon < 0) percent = true;
    } else if (c === COLON) {
      if (colon < 0) {
        colon = i;
        // `::` is one separator (double-colon rule), not a static pattern's second colon.
        if (i + 1 < end && text.charCodeAt(i + 1) === COLON) i++;
      } else if (secondColon < 0 && pipe < 0) secondColon = i;
    } else if (c === EQUALS) {
      if (colon >= 0) equals = true;
    } else if (c === PIPE) {
      if (colon >= 0 && pipe < 0) pipe = i;
    } else if (c === SEMICOLON) {
      semicolon = i + 1;
      cut = i;
      break;
    } else if (c === HASH) {
      if ((backslashesBefore(text, i, start) & 1) === 0) {
        comment = i;
        cut = i;
        break;
      }
    }
    i++;
  }
  if (colon < 0) return false;
  let targetsEnd = colon;
  let grouped = false;
  if (colon > start && text.charCodeAt(colon - 1) === 38) {
    grouped = true;
    targetsEnd = colon - 1;
  }
  let p = colon + 1;
  let doubleColon = false;
  if (p < cut && text.charCodeAt(p) === COLON) {
    doubleColon = true;
    p++;
  }
  runCursor = 0;
  line.targets = wordsBetween(view, start, targetsEnd);
  line.kind = 'explicit';
  line.doubleColon = doubleColon;
  line.targetPattern = undefined;
  line.prerequisites = emptyList();
  line.orderOnly = emptyList();
  line.targetsStart = start;
  line.targetsEnd = targetsEnd;
  line.prerequisitesStart = p;
  line.prerequisitesEnd = cut;
  line.semicolon = semicolon;
  line.headerEnd = trimEndBlanks(text, start, cut);
  line.comment = comment;
  line.variable = null;
  line.variableEnd = cut;
  // A target-specific variable takes the rest of the line, `;` included (make puts it back). Every
  // assignment operator holds an `=`, which the pass above would have seen unless a `;` stopped it.
  const variableEnd = comment >= 0 ? comment : end;
  const variable = equals || semicolon >= 0 ? parseVariableAssignment(text, p, variableEnd, true) : null;
  if (variable !== null && variable.definition !== null) {
    line.variable = variable;
    line.variableEnd = variableEnd;
    if (semicolon >= 0) {
      line.semicolon = -1;
      line.comment = -1;
    }
    return true;
  }
  let prerequisitesStart = p;
  if (secondColon >= 0) {
    const patternStart = skipBlanks(text, p, secondColon);
    line.targetPattern = wordAt(view, patternStart, trimEndBlanks(text, patternStart, secondColon));
    prerequisitesStart = secondColon + 1;
  }
  line.prerequisites = wordsBetween(view, prerequisitesStart, pipe < 0 ? cut : pipe);
  if (pipe >= 0) line.orderOnly = list(wordsBetween(view, pipe + 1, cut));
  line.kind = ruleKind(line, percent, grouped);
  return true;
}

/**
 * Blank runs `[runs[2k], runs[2k + 1])` outside references on the rule line being parsed, in
 * order: the words of a span are the gaps between them, so the span is not scanned again.
 */
let runs = new Int32Array(64);
let runCount = 0;
/** First run not yet behind the spans split so far (spans are split in order). */
let runCursor = 0;
const words = new ListBuilder<Word>();

function addRun(start: number, end: number): void {
  if (2 * runCount + 2 > runs.length) {
    const bigger = new Int32Array(runs.length * 2);
    bigger.set(runs);
    runs = bigger;
  }
  runs[2 * runCount] = start;
  runs[2 * runCount + 1] = end;
  runCount++;
}

/**
 * The blank-separated words of `view.text[start, end)`, as splitWords would find them: `start`
 * and `end` are offsets the pass reached outside references, so a reference never straddles them.
 * A single word is returned as itself.
 */
function wordsBetween(view: LineView, start: number, end: number): ListOrItem<Word> {
  let k = runCursor;
  while (k < runCount && runs[2 * k + 1] <= start) k++;
  let first: Word | null = null;
  let pos = start;
  while (pos < end) {
    if (k < runCount && runs[2 * k] <= pos) {
      pos = runs[2 * k + 1];
      k++;
      continue;
    }
    const wordEnd = k < runCount && runs[2 * k] < end ? runs[2 * k] : end;
    const word = wordAt(view, pos, wordEnd);
    if (first === null) first = word;
    else {
      if (words.length === 0) words.add(first);
      words.add(word);
    }
    pos = wordEnd;
  }
  runCursor = k;
  if (first === null) return emptyList();
  return words.length === 0 ? first : words.take();
}

/**
 * False for the characters the rule-line pass looks at (`#`, `$`, `%`, `:`, `;`, `=`, `|`) and `<`
 * (harmless): two comparisons for most characters of a line instead of seven.
 */
function isPlain(c: number): boolean {
  return c > EQUALS ? c !== PIPE : c < HASH || (c > PERCENT && c < COLON);
}

function ruleKind(line: RuleLine, percent: boolean, grouped: boolean): RuleKind {
  if (line.targetPattern !== undefined) return 'static-pattern';
  if (percent) return 'pattern';
  if (grouped) return 'grouped';
  if (line.doubleColon) return 'double-colon';
  return 'explicit';
}
