// Pure rules over one parsed Makefile: which lines could write even when make runs with -n, -q or -p.
import type { ParsedMakefile, Statement, Word } from '../parser/ast';
import { plusLedLeader } from '../analysis/plusLedVariables';
import { patternMatches } from './makePattern';

export type RiskKind =
  | 'plus-line'
  | 'make-line'
  | 'remade-makefile'
  | 'parse-time-shell'
  | 'recipe-shell'
  | 'load';

export interface SafetyRisk {
  kind: RiskKind;
  file: string;
  /** 1-based, as make prints it. */
  line: number;
  text: string;
  why: string;
}

/** Commands that only read; a `$(shell ...)` made only of these (and no redirection) cannot write. */
const READ_ONLY_COMMANDS = new Set([
  'uname',
  'date',
  'pwd',
  'echo',
  'printf',
  'cat',
  'ls',
  'which',
  'test',
  '[',
  'find',
  'dirname',
  'basename',
  'expr',
  'id',
  'hostname',
  'nproc',
  'getconf',
  'grep',
  'egrep',
  'sed',
  'awk',
  'sort',
  'uniq',
  'head',
  'tail',
  'wc',
  'tr',
  'cut',
  'realpath',
  'readlink',
  'pkg-config',
  'true',
  'false',
]);

/** Options or operands with which a command of the list above writes after all. */
const WRITES_WITH: Record<string, RegExp> = {
  find: /\s-(delete|exec|execdir|ok|okdir|fprint|fprint0|fprintf|fls)\b/,
  sort: /\s(-[a-zA-Z]*o|--output)/,
  uniq: /\s[^-\s]\S*\s+[^-\s]/,
  date: /\s(-[a-zA-Z]*s|--set)/,
  hostname: /\s[^-\s]|\s(-[a-zA-Z]*[bF]|--boot|--file)/,
  sed: /\s(-[a-zA-Z]*i|--in-place)|[/;}]\s*[wWe]\b/,
  awk: /\bsystem\s*\(|\|\s*"|\|&/,
};

export function shellCommandIsReadOnly(command: string): boolean {
  if (/[>`]|\$\(\s*shell\b/.test(command) || /\bsed\b[^|;&]*\s-i/.test(command)) return false;
  const parts = command.split(/\|\||&&|[|;]/);
  return parts.every((part) => {
    const first = part.trim().split(/\s+/)[0] ?? '';
    if (first === '') return true;
    const name = first.replace(/^\$\(\w+\)$/, '');
    return READ_ONLY_COMMANDS.has(name) && !WRITES_WITH[name]?.test(part);
  });
}

function lineOf(word: { range: { start: { line: number } } }): number {
  return word.range.start.line + 1;
}

function* walk(statements: Statement[]): Generator<Statement> {
  for (const statement of statements) {
    yield statement;
    if (statement.type === 'conditional') for (const branch of statement.branches) yield* walk(branch.body);
  }
}

/** Every assignment of the makefile, conditional ones included: name and value as written. */
export function* assignmentsOf(parsed: ParsedMakefile): Generator<{ name: string; value: string }> {
  for (const statement of walk(parsed.statements))
    if (statement.type === 'assignment') yield { name: statement.name.text, value: statement.value };
}

/** Whether the makefile assigns SHELL (the program make runs for $(shell ...) and recipes). */
export function assignsShell(parsed: ParsedMakefile): boolean {
  for (const statement of walk(parsed.statements))
    if (statement.type === 'assignment' && statement.name.text === 'SHELL') return true;
  return false;
}

/** Include paths written literally (no `$`) and the computed ones, in the order they appear. */
export function includesOf(parsed: ParsedMakefile): { literal: string[]; computed: Word[] } {
  const literal: string[] = [];
  const computed: Word[] = [];
  for (const statement of walk(parsed.statements)) {
    if (statement.type !== 'include') continue;
    for (const path of statement.paths) {
      if (path.text.includes('$')) computed.push(path);
      else literal.push(path.text);
    }
  }
  return { literal, computed };
}

/**
 * Risks in one file. `makefiles` holds every makefile and included file (as written, relative to
 * make's directory) so a rule that remakes one of them is found; `hasComputedIncludes` makes any
 * pattern rule with a recipe suspect (the usual `include $(DEPS)` + `%.d: %.c`).
 */
export function risksInFile(
  parsed: ParsedMakefile,
  file: string,
  makefiles: ReadonlySet<string>,
  hasComputedIncludes: boolean,
  /** SHELL is assigned in some makefile: $(shell) runs that program, so no command is known read-only. */
  shellAssigned = false,
  /** Variables whose value starts with '+' (plusLedVariables): a recipe line starting with one runs under -n. */
  plusLed: ReadonlySet<string> = new Set(),
): SafetyRisk[] {
  const risks: SafetyRisk[] = [];
  for (const statement of walk(parsed.statements)) {
    if (statement.type === 'rule') {
      for (const recipeLine of statement.recipe) {
        const leading = recipeLine.runsUnderDryRun
          ? undefined
          : plusLedLeader(recipeLine.text, () => plusLed);
        const plusFromValue = leading !== undefined;
        if (!recipeLine.runsUnderDryRun && !plusFromValue) continue;
        const plus = plusFromValue || recipeLine.prefixes.includes('+');
        risks.push({
          kind: plus ? 'plus-line' : 'make-line',
          file,
          line: lineOf(recipeLine),
          text: recipeLine.text.trim(),
          why: plusFromValue
            ? `a recipe line starting with $(${leading}), whose value starts with '+', runs even under -n and -q`
            : plus
              ? "a recipe line starting with '+' runs even under -n and -q"
              : 'a recipe line containing $(MAKE) runs even under -n and -q',
        });
      }
      // `$$(shell ...)` is literal text until .SECONDEXPANSION expands it again, when make considers
      // the target: under -n and -q too. Flagged whether or not .SECONDEXPANSION is in sight.
      const secondExpansion = [...statement.prerequisites, ...statement.orderOnly].find((word) =>
        /\$\$[({]\s*(shell|file)\b/.test(word.text),
      );
      if (secondExpansion) {
        risks.push({
          kind: 'parse-time-shell',
          file,
          line: lineOf(secondExpansion),
          text: secondExpansion.text,
          why: 'with .SECONDEXPANSION a $$(shell ...) or $$(file ...) prerequisite runs when make considers the target, even under -n and -q',
        });
      }
      const remade = statement.targets.find((target) =>
        [...makefiles].some((name) => patternMatches(target.text, name.replace(/^\.\//, ''))),
      );
      const suspectPattern =
        !remade &&
        hasComputedIncludes &&
        statement.recipe.length > 0 &&
        statement.targets.some((target) => target.text.includes('%'));
      if (remade || suspectPattern) {
        const target = remade ?? statement.targets[0];
        risks.push({
          kind: 'remade-makefile',
          file,
          line: lineOf(target),
          text: target.text,
          why: remade
            ? `make remakes '${target.text}' (a makefile or included file) before anything else, even under -q`
            : `'${target.text}' may remake a computed include before anything else, even under -q`,
        });
      }
    } else if (statement.type === 'assignment' && statement.operator === '!=') {
      if (shellAssigned || !shellCommandIsReadOnly(statement.value)) {
        risks.push({
          kind: 'parse-time-shell',
          file,
          line: lineOf(statement.name),
          text: `${statement.name.text} != ${statement.value}`,
          why: "a '!=' assignment runs a shell command while the makefile is read",
        });
      }
    }
  }
  for (const reference of parsed.references) {
    if (reference.functionName !== 'shell' && reference.functionName !== 'file') continue;
    const argument = reference.args?.map((arg) => arg.text).join(',') ?? '';
    if (reference.functionName === 'shell' && !shellAssigned && shellCommandIsReadOnly(argument)) continue;
    if (reference.functionName === 'file' && !argument.trimStart().startsWith('>')) continue;
    const inRecipe = reference.context === 'recipe';
    risks.push({
      kind: inRecipe ? 'recipe-shell' : 'parse-time-shell',
      file,
      line: reference.range.start.line + 1,
      text: `$(${reference.functionName} ${argument})`,
      why: inRecipe
        ? `$(${reference.functionName} ...) in a recipe runs when -n expands the recipe`
        : `$(${reference.functionName} ...) runs while the makefile is read, whatever the flags`,
    });
  }
  return risks;
}

/**
 * `load`, `-load` and `sload` lines: make runs a plugin's code while it reads the makefile, whatever the flags.
 * Read from the text, as the parse tree has no statement for them; a recipe line (tab) is not one.
 */
export function loadRisks(text: string, file: string): SafetyRisk[] {
  const risks: SafetyRisk[] = [];
  for (const [index, line] of text.split(/\r\n|\r|\n/).entries()) {
    if (!/^ *[-s]?load[ \t]+\S/.test(line)) continue;
    risks.push({
      kind: 'load',
      file,
      line: index + 1,
      text: line.trim(),
      why: 'a load directive runs a make plugin while the makefile is read, whatever the flags',
    });
  }
  return risks;
}
