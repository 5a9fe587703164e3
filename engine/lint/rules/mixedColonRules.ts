// MS123 mixed-colon-rules: one target with both `:` and `::` rules, which make refuses to read.
import type { FileIndex } from '../../analysis/fileIndex';
import type { Rule, Statement } from '../../parser/ast';
import type { LintContext, RuleFinding } from '../lintTypes';
import { isLiteralName } from '../projectIndex';

/** For each rule, the conditional branches it sits in (`3:1` = second branch of the file's fourth conditional). */
function branchesOf(file: FileIndex): Map<Rule, Map<string, number>> {
  const result = new Map<Rule, Map<string, number>>();
  let counter = 0;
  const walk = (statements: Statement[], inside: Map<string, number>): void => {
    for (const statement of statements) {
      if (statement.type === 'rule') result.set(statement, inside);
      if (statement.type !== 'conditional') continue;
      const id = `${file.uri}#${counter++}`;
      statement.branches.forEach((branch, position) =>
        walk(branch.body, new Map([...inside, [id, position]])),
      );
    }
  };
  walk(file.parsed.statements, new Map());
  return result;
}

/** The conditional branches a rule sits in (shared by every rule of one branch), if known. */
type Branches = Map<string, number> | undefined;

/** Two rules in different branches of one conditional are never both read. */
function exclusive(a: Map<string, number> | undefined, b: Map<string, number> | undefined): boolean {
  if (!a || !b) return false;
  for (const [id, position] of a) if (b.has(id) && b.get(id) !== position) return true;
  return false;
}

export function mixedColonRules({ index, project }: LintContext): RuleFinding[] {
  const doubles = new Set<string>();
  for (const file of project)
    for (const target of file.targets) if (target.rule.doubleColon === true) doubles.add(target.name);
  if (doubles.size === 0) return [];
  const branches = new Map<Rule, Map<string, number>>();
  for (const file of project) for (const [rule, inside] of branchesOf(file)) branches.set(rule, inside);
  // The earlier rules of each target, `:` and `::` apart, the first one per conditional branch: rules
  // of one branch are exclusive with the same rules, so a rule looks at each branch once, not each rule.
  const seen = new Map<string, { single: Map<Branches, Rule>; double: Map<Branches, Rule> }>();
  const result: RuleFinding[] = [];
  for (const file of project) {
    for (const target of file.targets) {
      const { rule } = target;
      if (!doubles.has(target.name) || !isLiteralName(target.name) || rule.kind === 'pattern') continue;
      let earlier = seen.get(target.name);
      if (!earlier) seen.set(target.name, (earlier = { single: new Map(), double: new Map() }));
      const double = rule.doubleColon === true;
      const inside = branches.get(rule);
      let clash: Rule | undefined;
      for (const [where, other] of double ? earlier.single : earlier.double)
        if (!exclusive(where, inside)) {
          clash = other;
          break;
        }
      const own = double ? earlier.double : earlier.single;
      if (!own.has(inside)) own.set(inside, rule);
      if (!clash || file !== index) continue;
      result.push({
        range: target.word.range,
        message: `'${target.name}' has a '${double ? '::' : ':'}' rule here and a '${double ? ':' : '::'}' rule at line ${clash.range.start.line + 1}: make stops with "target file '${target.name}' has both : and :: entries".`,
      });
    }
  }
  return result;
}
