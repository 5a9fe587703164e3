// `npm run fidelity -- DIR`: runs `make -pRrq` on every makefile under DIR in a throwaway copy and
// prints how much of make's database the static model holds.
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceModel } from '../../engine/analysis/workspaceModel';
import { pathToUri } from '../../engine/analysis/uris';
import { findMakefiles } from '../../engine/analysis/workspaceScan';
import { runProcess } from '../../engine/probes/exec';
import { parseDatabase } from '../../engine/probes/parsers/databaseParser';
import { compareWithDatabase, type FidelityReport } from './compare';

export interface FileResult {
  makefile: string;
  report?: FidelityReport;
  error?: string;
}

export interface FidelitySummary {
  files: FileResult[];
  variables: { total: number; matched: number };
  targets: { total: number; matched: number };
  values: { total: number; matched: number };
  /** Every disagreement, each on one line naming the makefile run, make's file:line and both sides. */
  mismatches: string[];
}

const ROOT_NAMES = /^(GNUmakefile|makefile|Makefile|Makefile2|build\.make)$/;

/** Copies `dir`, runs make's database dump on each top-level makefile in the copy, compares, removes the copy. */
export async function runFidelity(dir: string, makePath = 'make'): Promise<FidelitySummary> {
  const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'makescope-fidelity-'));
  try {
    await fs.cp(dir, copy, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    const makefiles = (await findMakefiles([copy], { maxFiles: 5000, maxDirectories: 50000 })).filter(
      (file) => ROOT_NAMES.test(path.basename(file)),
    );
    const files: FileResult[] = [];
    for (const makefile of makefiles) files.push(await checkOne(makefile, copy, makePath));
    return summarize(files);
  } finally {
    await fs.rm(copy, { recursive: true, force: true });
  }
}

async function checkOne(makefile: string, copy: string, makePath: string): Promise<FileResult> {
  const shown = path.relative(copy, makefile);
  const cwd = path.dirname(makefile);
  const result = await runProcess({
    file: makePath,
    args: ['-pRrq', '-f', path.basename(makefile)],
    cwd,
    timeoutMs: 60_000,
    maxOutputBytes: 256 * 1024 * 1024,
  });
  if (result.outcome !== 'exited') return { makefile: shown, error: result.message ?? result.outcome };
  const db = parseDatabase(result.stdout);
  const model = new WorkspaceModel({ maxFileBytes: 64 * 1024 * 1024, includeDirs: [] });
  const project = model.project(pathToUri(makefile));
  const lines = new Map<string, string[] | undefined>();
  const sourceLines = (file: string): string[] | undefined => {
    if (!lines.has(file)) {
      try {
        lines.set(file, readFileSync(file, 'utf8').split('\n'));
      } catch {
        lines.set(file, undefined);
      }
    }
    return lines.get(file);
  };
  return { makefile: shown, report: compareWithDatabase(db, project, cwd, sourceLines) };
}

function summarize(files: FileResult[]): FidelitySummary {
  const summary: FidelitySummary = {
    files,
    variables: { total: 0, matched: 0 },
    targets: { total: 0, matched: 0 },
    values: { total: 0, matched: 0 },
    mismatches: [],
  };
  for (const { makefile, report } of files) {
    if (!report) continue;
    for (const key of ['variables', 'targets', 'values'] as const) {
      summary[key].total += report[key].total;
      summary[key].matched += report[key].matched;
    }
    for (const missing of report.variables.missing)
      summary.mismatches.push(`${makefile}: missing variable ${missing}`);
    for (const missing of report.targets.missing)
      summary.mismatches.push(`${makefile}: missing target ${missing}`);
    for (const m of report.values.mismatched)
      summary.mismatches.push(
        `${makefile}: value of ${m.name} (${m.where}): make ${m.make}, model ${m.model ?? 'undefined'}`,
      );
  }
  return summary;
}

export function percent(matched: number, total: number): string {
  return total === 0 ? 'n/a' : `${((100 * matched) / total).toFixed(2)}%`;
}

export function formatSummary(summary: FidelitySummary, verbose: boolean): string {
  const out: string[] = [];
  for (const file of summary.files) {
    if (file.error) {
      out.push(`${file.makefile}: make failed: ${file.error}`);
      continue;
    }
    const r = file.report as FidelityReport;
    out.push(
      `${file.makefile}: variables ${r.variables.matched}/${r.variables.total}, targets ${r.targets.matched}/${r.targets.total}, values ${r.values.matched}/${r.values.total}`,
    );
  }
  if (verbose) for (const line of summary.mismatches) out.push(`  ${line}`);
  const { variables, targets, values } = summary;
  out.push(
    '',
    `makefiles: ${summary.files.length}`,
    `variables (name at make's file:line): ${percent(variables.matched, variables.total)} (${variables.matched}/${variables.total})`,
    `targets:   ${percent(targets.matched, targets.total)} (${targets.matched}/${targets.total})`,
    `values (flavor and value, every flavor): ${percent(values.matched, values.total)} (${values.matched}/${values.total})`,
  );
  return out.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  const dirs = argv.filter((arg) => !arg.startsWith('--'));
  if (dirs.length === 0) {
    process.stderr.write('usage: npm run fidelity -- DIR [--verbose]\n');
    return 2;
  }
  for (const dir of dirs) {
    process.stdout.write(`${formatSummary(await runFidelity(path.resolve(dir)), verbose)}\n`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`fidelity: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
