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
  /**
   * Set when the issue that owns the budget ended blocked on it: why, and what decision it waits
   * for. The budget is still measured and shown (MISS or PASS, and BLOCKED), but `--check` does not
   * count it, so that its run speaks for the budgets that can be met.
   */
  blocked?: string;
}

export interface BudgetCheck {
  budgetKey: string;
  figureKey: string;
  limit: string;
  /** undefined: the figure could not be measured. */
  pass?: boolean;
  /** What was checked: the figure's value or the named ratio's, in the budget's unit. */
  value?: number;
  unit: string;
  na?: string;
  /** The budget's `blocked` reason, if any. */
  blocked?: string;
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

/**
 * The figure a budget is checked against: the figure itself, or for a key `figureKey:name` one of its ratios
 * (measured against its peer in the same run), as a figure of its own with the ratio's name in its key.
 */
function budgeted(budgetKey: string, budget: Budget, figure: Figure): Figure | undefined {
  const [pattern, ratioName] = budgetKey.split(':');
  if (!matches(pattern, figure.key)) return undefined;
  if (ratioName === undefined) return figure;
  const value = figure.ratios?.[ratioName];
  return {
    ...figure,
    key: `${figure.key}:${ratioName}`,
    unit: budget.unit,
    value,
    baseline: undefined,
    na: value === undefined ? (figure.na ?? `no ${ratioName} measured`) : undefined,
  };
}

export function checkBudgets(figures: Figure[], budgets: Record<string, Budget>): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const [budgetKey, budget] of Object.entries(budgets)) {
    const matched = figures
      .map((f) => budgeted(budgetKey, budget, f))
      .filter((f): f is Figure => f !== undefined);
    if (matched.length === 0)
      checks.push({
        budgetKey,
        figureKey: budgetKey,
        limit: limitText(budget, { key: budgetKey, section: '', label: '', unit: budget.unit }),
        unit: budget.unit,
        blocked: budget.blocked,
      });
    for (const figure of matched)
      checks.push({
        budgetKey,
        figureKey: figure.key,
        limit: limitText(budget, figure),
        pass: passes(budget, figure),
        value: figure.value,
        unit: figure.unit,
        na: figure.na,
        blocked: budget.blocked,
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

/** The figure a check belongs to (a ratio's check `figure:ratio` belongs to `figure`). */
export function checkedFigure(check: BudgetCheck): string {
  return check.figureKey.split(':')[0];
}

function verdictText(check: BudgetCheck): string {
  const ratioName = check.figureKey.split(':')[1];
  const measured =
    ratioName === undefined || check.value === undefined
      ? ''
      : `${ratioName} ${formatValue(check.value, check.unit)} `;
  const outcome = check.pass === undefined ? 'n/a' : check.pass ? 'PASS' : 'MISS';
  const blocked = check.blocked === undefined ? '' : ` (BLOCKED, not counted: ${check.blocked})`;
  return `${measured}${check.limit} ${outcome}${blocked}`;
}

/**
 * What `--check` says and counts: every budget must pass, except a blocked one (shown, not counted).
 */
export function checkSummary(checks: BudgetCheck[]): { failed: number; text: string } {
  const counted = checks.filter((c) => c.blocked === undefined);
  const blocked = checks.length - counted.length;
  const failed = counted.filter((c) => c.pass !== true).length;
  const notCounted = blocked === 0 ? '' : ` (${blocked} blocked budget(s) shown above, not counted)`;
  const text =
    failed === 0
      ? `All budgets met${notCounted}.`
      : `${failed} budget(s) missed or not measured${notCounted}.`;
  return { failed, text };
}

/** The table; with `budgetedOnly`, just the figures that have a budget. */
export function table(figures: Figure[], checks: BudgetCheck[], budgetedOnly = false): string {
  const rows = [
    '| section | measure | value | peer / bound (same run) | budget |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const figure of figures) {
    const own = checks.filter((c) => checkedFigure(c) === figure.key);
    if (budgetedOnly && own.length === 0) continue;
    const verdict = own.map(verdictText).join('; ');
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
