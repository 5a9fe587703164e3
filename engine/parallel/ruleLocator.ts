// Finds the rule behind a target (file:line via the parser) and writes the prerequisite line that fixes a race.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Rule, Statement } from '../parser/ast';
import { parseMakefile } from '../parser/parser';
import type { RaceFinding } from './missingPrerequisites';
import type { MakefileLocation, ParallelFinding, PrerequisiteFix } from './parallelTypes';

interface LoadedMakefile {
  lines: string[];
  rules: Rule[];
}

function collectRules(statements: Statement[], into: Rule[]): void {
  for (const statement of statements) {
    if (statement.type === 'rule') into.push(statement);
    else if (statement.type === 'conditional')
      for (const branch of statement.branches) collectRules(branch.body, into);
  }
}

export class RuleLocator {
  private readonly files = new Map<string, Promise<LoadedMakefile | undefined>>();

  /** `recipes`: target -> where make says its recipe is (file relative to `directory`, 1-based line). */
  constructor(
    private readonly directory: string,
    private readonly recipes: Map<string, { file: string; line: number }>,
  ) {}

  private load(file: string): Promise<LoadedMakefile | undefined> {
    let loaded = this.files.get(file);
    if (!loaded) {
      loaded = readFile(file, 'utf8').then(
        (text) => {
          const rules: Rule[] = [];
          collectRules(parseMakefile(text).statements, rules);
          return { lines: text.split(/\r?\n/), rules };
        },
        () => undefined,
      );
      this.files.set(file, loaded);
    }
    return loaded;
  }

  /** The rule whose recipe make ran for `target`, with its header's file:line. */
  async ruleOf(
    target: string,
  ): Promise<{ location: MakefileLocation; rule?: Rule; lines?: string[] } | undefined> {
    const recipe = this.recipes.get(target);
    if (!recipe) return undefined;
    const file = path.resolve(this.directory, recipe.file);
    const loaded = await this.load(file);
    const rule = loaded?.rules.find(
      (r) => r.range.start.line <= recipe.line - 1 && recipe.line - 1 <= r.range.end.line,
    );
    const line = rule ? rule.headerRange.start.line + 1 : recipe.line;
    return { location: { file, line }, rule, lines: loaded?.lines };
  }

  async fixFor(finding: RaceFinding): Promise<PrerequisiteFix | undefined> {
    if (finding.kind === 'conflicting-writes') return undefined;
    const found = await this.ruleOf(finding.target);
    if (!found?.rule || !found.lines) return undefined;
    const { rule, lines, location } = found;
    const orderOnly = finding.kind === 'missing-order-only-directory';
    const prerequisite = finding.otherTarget;
    const title = orderOnly
      ? `add ${prerequisite} as an order-only prerequisite of ${finding.target}`
      : `add ${prerequisite} to the prerequisites of ${finding.target}`;
    const alone =
      rule.kind === 'explicit' && rule.targets.length === 1 && rule.targets[0].text === finding.target;
    if (!alone) {
      // A pattern or multi-target rule: a prerequisite-only rule for this one target says it exactly.
      const text = `${finding.target}: ${orderOnly ? '| ' : ''}${prerequisite}`;
      return {
        file: location.file,
        line: rule.range.end.line + 1,
        character: 0,
        text: `${text}\n`,
        resultingLine: text,
        title,
      };
    }
    let at: { line: number; character: number };
    let text: string;
    if (orderOnly && rule.orderOnly.length > 0) {
      at = rule.orderOnly[rule.orderOnly.length - 1].range.end;
      text = ` ${prerequisite}`;
    } else if (!orderOnly && rule.prerequisites.length > 0) {
      at = rule.prerequisites[rule.prerequisites.length - 1].range.end;
      text = ` ${prerequisite}`;
    } else {
      const last = rule.prerequisites[rule.prerequisites.length - 1] ?? rule.targets[rule.targets.length - 1];
      const lineText = lines[last.range.end.line] ?? '';
      let character = last.range.end.character;
      if (last === rule.targets[rule.targets.length - 1]) {
        const colon = lineText.indexOf(':', character);
        character = colon < 0 ? lineText.length : colon + (lineText[colon + 1] === ':' ? 2 : 1);
      }
      at = { line: last.range.end.line, character };
      text = orderOnly ? ` | ${prerequisite}` : ` ${prerequisite}`;
    }
    const original = lines[at.line] ?? '';
    const resultingLine = original.slice(0, at.character) + text + original.slice(at.character);
    return { file: location.file, line: at.line, character: at.character, text, resultingLine, title };
  }
}

function describe(finding: RaceFinding): string {
  switch (finding.kind) {
    case 'missing-prerequisite':
      return `'${finding.target}' reads ${finding.file}, which '${finding.otherTarget}' writes, but no declared prerequisite orders them: with -j the read can come first`;
    case 'missing-order-only-directory':
      return `'${finding.target}' writes into ${finding.file}/, which '${finding.otherTarget}' creates, but no declared prerequisite orders them: with -j the directory may not exist yet`;
    case 'conflicting-writes':
      return `'${finding.target}' and '${finding.otherTarget}' both write ${finding.file}, and no declared prerequisite orders them: with -j they can overwrite each other`;
  }
}

export async function locateFindings(
  findings: RaceFinding[],
  locator: RuleLocator,
): Promise<ParallelFinding[]> {
  const located: ParallelFinding[] = [];
  for (const finding of findings) {
    const [rule, otherRule, fix] = await Promise.all([
      locator.ruleOf(finding.target),
      locator.ruleOf(finding.otherTarget),
      locator.fixFor(finding),
    ]);
    located.push({
      ...finding,
      message: describe(finding),
      rule: rule?.location,
      otherRule: otherRule?.location,
      fix,
    });
  }
  return located;
}
