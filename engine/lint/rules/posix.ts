// MS113 posix-portability: under `.POSIX`, syntax that only GNU make understands.
import type { Statement } from '../../parser/ast';
import type { LintContext, RuleFinding } from '../lintTypes';
import { hasSpecialTarget } from './projectFacts';

/** Operators POSIX make (2024) knows; `:=`, `:::=` and `!=`'s GNU cousins are not all there. */
const POSIX_OPERATORS = new Set(['=', '::=', ':::=', '?=', '+=', '!=']);

function statementProblem(statement: Statement): string | undefined {
  switch (statement.type) {
    case 'assignment':
      if (statement.define) return "'define' is GNU make only";
      if (statement.targets) return 'target-specific variables are GNU make only';
      if (statement.modifiers.length > 0) return `'${statement.modifiers.join(' ')}' is GNU make only`;
      if (!POSIX_OPERATORS.has(statement.operator))
        return `'${statement.operator}' is GNU make only (POSIX has '::=')`;
      return undefined;
    case 'conditional':
      return `'${statement.branches[0]?.kind ?? 'if'}' conditionals are GNU make only`;
    case 'variable-directive':
      return `'${statement.directive}' is GNU make only`;
    case 'vpath':
      return "'vpath' is GNU make only (POSIX has no search path)";
    case 'rule':
      if (statement.kind === 'pattern' || statement.kind === 'static-pattern')
        return "'%' pattern rules are GNU make only (POSIX has suffix rules)";
      if (statement.orderOnly.length > 0) return "order-only prerequisites ('|') are GNU make only";
      return undefined;
    default:
      return undefined;
  }
}

/** GNU make's functions; POSIX make has macros only. */
export function posixPortability({ index, project }: LintContext): RuleFinding[] {
  if (!hasSpecialTarget(project, '.POSIX')) return [];
  const result: RuleFinding[] = [];
  for (const statement of index.parsed.statements) {
    const problem = statementProblem(statement);
    if (!problem) continue;
    const range =
      statement.type === 'conditional'
        ? (statement.branches[0]?.keywordRange ?? statement.range)
        : statement.type === 'assignment'
          ? statement.name.range
          : statement.range;
    result.push({ range, message: `Under .POSIX: ${problem}.` });
  }
  for (const reference of index.parsed.references) {
    if (!reference.functionName) continue;
    result.push({
      range: reference.range,
      message: `Under .POSIX: $(${reference.functionName} …) is a GNU make function; POSIX make has macros only.`,
    });
  }
  return result;
}
