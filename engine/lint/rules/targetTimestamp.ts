// MS110 target-timestamp: a target whose name holds a date or the time it was built never exists when make looks.
import type { LintContext, RuleFinding } from '../lintTypes';
import { projectIndex } from '../projectIndex';

const DATE_IN_NAME = /(?:19|20)\d\d-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])/;
const DATE_COMMAND = /\$[({]shell\s+date\b|`date\b/;
const REFERENCE = /\$[({]([^)}:\s]+)[)}]/g;

const DOLLAR = 36;
const BACKQUOTE = 96;

/**
 * Whether `text` may match: it holds a reference or a backquote (a command), or eight digits, as every
 * date DATE_IN_NAME matches does. One pass over the characters instead of three.
 */
function mayNameDate(text: string): boolean {
  let digits = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === DOLLAR || code === BACKQUOTE) return true;
    if (code >= 48 && code <= 57 && ++digits === 8) return true;
  }
  return false;
}

/** Whether `text` refers to one of the `dated` variables. */
function namesDated(text: string, dated: ReadonlySet<string>): boolean {
  if (dated.size === 0 || !text.includes('$')) return false;
  for (const match of text.matchAll(REFERENCE)) if (dated.has(match[1] ?? '')) return true;
  return false;
}

/**
 * Whether some target of the file may be reported: only a file whose text holds a date, or a project
 * whose text holds a date command (a target may name a variable set by one), has such a target. One
 * search of each text instead of a look at every target: a generated file has thousands, none dated.
 */
function mayHaveDatedTarget({ index, project, model }: LintContext): boolean {
  const text = model.text(index.uri);
  if (text === undefined || DATE_IN_NAME.test(text)) return true;
  const texts = project.map((file) => model.text(file.uri));
  if (!project.includes(index)) texts.push(text);
  return texts.some((other) => other === undefined || DATE_COMMAND.test(other));
}

export function targetTimestamp(context: LintContext): RuleFinding[] {
  if (!mayHaveDatedTarget(context)) return [];
  const { index, project } = context;
  const dated = new Set<string>();
  for (const { name, value } of projectIndex(project).assignments)
    if (DATE_COMMAND.test(value)) dated.add(name);
  const result: RuleFinding[] = [];
  for (const target of index.targets) {
    // The name is the word's text; the word itself is read only for a finding.
    const text = target.name;
    // A name without a reference, a backquote or eight digits cannot match: no regular expression for it.
    if (!mayNameDate(text)) continue;
    if (!DATE_IN_NAME.test(text) && !DATE_COMMAND.test(text) && !namesDated(text, dated)) continue;
    result.push({
      range: target.word.range,
      message: `Target '${text}' names a date or time: it changes between runs (or goes stale), so make rebuilds it every time or never. Name the output by content and keep the date inside it.`,
    });
  }
  return result;
}
