// Prints the table of figures with their budgets, writes the JSON and Markdown results, checks budgets.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatValue, type Figure } from './figures';

export interface Budget {
  min?: number;
  max?: number;
  maxOverhead?: { fraction: number; ms: number };
  unit: string;
  from: string;
}

export interface BudgetCheck {
  budgetKey: string;
  figureKey: string;
  limit: string;
  /** undefined: the figure could not be measured. */
  pass?: boolean;
}

export function loadBudgets(file: string): Record<string, Budget> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Budget>;
}

function matches(pattern: string, key: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^.]+')}$`,
  );
  return regex.test(key);
}

function limitText(budget: Budget, figure: Figure): string {
  if (budget.min !== undefined) return `>= ${formatValue(budget.min, budget.unit)}`;
  if (budget.max !== undefined) return `< ${formatValue(budget.max, budget.unit)}`;
  const overhead = budget.maxOverhead;
  if (overhead && figure.baseline !== undefined) {
    const allowed = Math.max(figure.baseline * overhead.fraction, overhead.ms);
    return `<= bare + ${formatValue(allowed, 'ms')} (max(${overhead.fraction * 100}%, ${overhead.ms} ms))`;
  }
  return overhead ? `<= bare + max(${overhead.fraction * 100}%, ${overhead.ms} ms)` : '';
}

function passes(budget: Budget, figure: Figure): boolean | undefined {
  if (figure.value === undefined) return undefined;
  if (budget.min !== undefined) return figure.value >= budget.min;
  if (budget.max !== undefined) return figure.value < budget.max;
  const overhead = budget.maxOverhead;
  if (overhead && figure.baseline !== undefined) {
    return figure.value - figure.baseline <= Math.max(figure.baseline * overhead.fraction, overhead.ms);
  }
  return undefined;
}

export function checkBudgets(figures: Figure[], budgets: Record<string, Budget>): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const [budgetKey, budget] of Object.entries(budgets)) {
    const matched = figures.filter((f) => matches(budgetKey, f.key));
    if (matched.length === 0)
      checks.push({
        budgetKey,
        figureKey: budgetKey,
        limit: limitText(budget, { key: budgetKey, section: '', label: '', unit: budget.unit }),
      });
    for (const figure of matched)
      checks.push({
        budgetKey,
        figureKey: figure.key,
        limit: limitText(budget, figure),
        pass: passes(budget, figure),
      });
  }
  return checks;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function valueText(figure: Figure): string {
  if (figure.value === undefined) return `n/a (${figure.na ?? 'not measured'})`;
  const extra = figure.details?.mbPerSec;
  const main = formatValue(figure.value, figure.unit);
  return typeof extra === 'number' ? `${main}, ${formatValue(extra, 'MB/s')}` : main;
}

/** The table; with `budgetedOnly`, just the figures that have a budget. */
export function table(figures: Figure[], checks: BudgetCheck[], budgetedOnly = false): string {
  const rows = [
    '| section | measure | value | peer / bound (same run) | budget |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const figure of figures) {
    const check = checks.find((c) => c.figureKey === figure.key);
    if (budgetedOnly && !check) continue;
    const verdict = check
      ? `${check.limit} ${check.pass === undefined ? 'n/a' : check.pass ? 'PASS' : 'MISS'}`
      : '';
    rows.push(
      `| ${figure.section} | ${cell(figure.label)} | ${cell(valueText(figure))} | ${cell(figure.peer ?? '')} | ${cell(verdict)} |`,
    );
  }
  return rows.join('\n');
}

export function machine(): Record<string, string> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpu: `${cpus.length} x ${cpus[0]?.model ?? 'unknown'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    load: `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (1/5/15 min, at the end of the run)`,
  };
}

export function writeResults(
  dir: string,
  figures: Figure[],
  checks: BudgetCheck[],
  extra: Record<string, unknown>,
): string {
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString();
  const json = { date, machine: machine(), ...extra, figures, budgets: checks };
  const jsonFile = path.join(dir, 'latest.json');
  writeFileSync(jsonFile, JSON.stringify(json, null, 2) + '\n');
  return jsonFile;
}

export function markdown(figures: Figure[], checks: BudgetCheck[], extra: Record<string, string>): string {
  const info = { date: new Date().toISOString(), ...machine(), ...extra };
  const header = Object.entries(info)
    .map(([k, v]) => `- ${k}: ${v}`)
    .join('\n');
  return `${header}\n\n${table(figures, checks)}\n`;
}
