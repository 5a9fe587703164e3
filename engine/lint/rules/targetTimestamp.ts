// MS110 target-timestamp: a target whose name holds a date or the time it was built never exists when make looks.
import type { LintContext, RuleFinding } from '../lintTypes';

const DATE_IN_NAME = /(?:19|20)\d\d-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])/;
const DATE_COMMAND = /\$[({]shell\s+date\b|`date\b/;

export function targetTimestamp({ index, project }: LintContext): RuleFinding[] {
  const dated = new Set<string>();
  for (const file of project) {
    for (const variable of file.variables) {
      const { statement } = variable;
      if (statement.type === 'assignment' && DATE_COMMAND.test(statement.value)) dated.add(variable.name);
    }
  }
  const result: RuleFinding[] = [];
  for (const target of index.targets) {
    const text = target.word.text;
    const viaVariable = [...text.matchAll(/\$[({]([^)}:\s]+)[)}]/g)].some((m) => dated.has(m[1] ?? ''));
    if (!DATE_IN_NAME.test(text) && !DATE_COMMAND.test(text) && !viaVariable) continue;
    result.push({
      range: target.word.range,
      message: `Target '${text}' names a date or time: it changes between runs (or goes stale), so make rebuilds it every time or never. Name the output by content and keep the date inside it.`,
    });
  }
  return result;
}
