// `npm run bench [-- --check] [--quick] [--only=parser,lsp,database,memory,probes,isolation,tracing,timeline,activation,realworld] [--snapshot]`.
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { activationBench } from './activationBench';
import { codeServerActivation } from './codeServerActivation';
import { cacheRoot, realCorpus, repoRoot, writeCacheFile } from './corpus';
import { databaseBench } from './databaseBench';
import { prepareDist } from './dist';
import { errorText, notAvailable, type Figure } from './figures';
import { lspBench } from './lspBench';
import { isolationBench } from './isolationBench';
import { memoryBench } from './memoryBench';
import { probeBench } from './probeBench';
import { realworldBench } from './realworldBench';
import { timelineBench } from './timelineBench';
import { tracingBench } from './tracingBench';
import {
  checkBudgets,
  checkedFigure,
  checkSummary,
  loadBudgets,
  machine,
  markdown,
  table,
  writeResults,
} from './report';
import { replaceReadmeSection } from './readmeSection';
import { syntheticMakefile } from './synthetic';
import { firstLine, run, runWorker } from './tools';
import { SERVER_NODE_OPTIONS } from '../contract/serverNodeOptions';

const SECTIONS = [
  'parser',
  'lsp',
  'database',
  'memory',
  'probes',
  'isolation',
  'tracing',
  'timeline',
  'activation',
  'realworld',
] as const;
type Section = (typeof SECTIONS)[number];
/** Sections run only when named in --only= (realworld: tens of minutes, and it needs the fetched projects). */
const OPT_IN: readonly Section[] = ['realworld'];
const DEFAULT_SECTIONS = SECTIONS.filter((s) => !OPT_IN.includes(s));

function parseArgs(argv: string[]): {
  check: boolean;
  quick: boolean;
  snapshot: boolean;
  build: boolean;
  only: Set<Section>;
} {
  const only = argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',') ?? [...DEFAULT_SECTIONS];
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new Error(`unknown section(s): ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
  return {
    check: argv.includes('--check'),
    quick: argv.includes('--quick'),
    snapshot: argv.includes('--snapshot'),
    build: !argv.includes('--no-build'),
    only: new Set(only as Section[]),
  };
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function section(
  name: string,
  figures: Figure[],
  measure: () => Promise<Figure[]> | Figure[],
): Promise<void> {
  log(`${name}...`);
  try {
    figures.push(...(await measure()));
  } catch (error) {
    figures.push(notAvailable(`${name}.error`, name, `${name} bench`, '', `crashed: ${errorText(error)}`));
  }
}

/** Runs bench/parserWorker.ts under the server's Node options and returns its figures. */
function parserInOwnProcess(synthetic100k: string, rounds: { rounds: number; warmup: number }): Figure[] {
  const worker = path.join(__dirname, 'parserWorker.ts');
  const args = [synthetic100k, String(rounds.rounds), String(rounds.warmup)];
  return runWorker('parser', [...SERVER_NODE_OPTIONS, '--import', 'tsx'], worker, args, 20 * 60_000);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const rounds = args.quick ? { rounds: 3, warmup: 1 } : { rounds: 7, warmup: 2 };
  prepareDist(args.build, log);
  const loadAtStart = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const figures: Figure[] = [];
  const synthetic = (lines: number): string =>
    writeCacheFile(path.join('synthetic', `${lines}.mk`), syntheticMakefile(lines).text);

  if (args.only.has('parser')) {
    await section('parser', figures, async () => {
      log('obtaining the real Makefiles (first run: cmake, configure, node-gyp, npm pack; cached after)');
      realCorpus();
      return parserInOwnProcess(synthetic(100_000), rounds);
    });
  }
  if (args.only.has('lsp')) await section('lsp', figures, () => lspBench({ quick: args.quick }));
  if (args.only.has('database'))
    await section('database', figures, () => databaseBench(synthetic(100_000), rounds));
  if (args.only.has('probes')) await section('probes', figures, () => probeBench({ quick: args.quick }));
  if (args.only.has('memory')) await section('memory', figures, async () => memoryBench());
  if (args.only.has('isolation'))
    await section('isolation', figures, () => isolationBench({ quick: args.quick }));
  if (args.only.has('tracing')) await section('tracing', figures, () => tracingBench({ quick: args.quick }));
  if (args.only.has('timeline'))
    await section('timeline', figures, () => timelineBench({ quick: args.quick }));
  if (args.only.has('activation')) {
    await section('activation', figures, () => activationBench({ quick: args.quick }));
    await section('activation', figures, async () => [await codeServerActivation({ quick: args.quick })]);
  }
  if (args.only.has('realworld'))
    await section('realworld', figures, () => realworldBench({ quick: args.quick, log }));

  const budgets = loadBudgets(path.join(__dirname, 'budgets.json'));
  const checks = checkBudgets(figures, budgets).filter(
    (c) => figures.some((f) => f.key === checkedFigure(c)) || DEFAULT_SECTIONS.every((s) => args.only.has(s)),
  );
  const makeVersion = firstLine(run('make', ['--version']).stdout);
  process.stdout.write(`${table(figures, checks)}\n`);
  const resultsDir = path.join(__dirname, 'results');
  const jsonFile = writeResults(resultsDir, figures, checks, {
    make: makeVersion,
    loadAtStart,
    args: process.argv.slice(2),
    corpus: cacheRoot,
  });
  const md = markdown(figures, checks, {
    make: makeVersion,
    'load at start': `load average ${loadAtStart}`,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  });
  writeFileSync(path.join(resultsDir, 'latest.md'), md);
  if (args.snapshot) {
    writeFileSync(path.join(__dirname, 'last-run.md'), `# Latest benchmark run\n\n${md}`);
    const when = `${new Date().toISOString().slice(0, 10)}, ${machine().cpu}, load average ${loadAtStart} at start, ${makeVersion}`;
    const section = `Budgeted figures of the latest committed run (${when}); every figure: [bench/last-run.md](bench/last-run.md).\n\n${table(figures, checks, true)}`;
    if (!replaceReadmeSection(path.join(repoRoot, 'README.md'), section))
      log('README.md has no bench-table markers');
  }
  log(`wrote ${path.relative(repoRoot, jsonFile)}`);

  if (!args.check) return 0;
  process.stdout.write('\nBudget check:\n');
  for (const check of checks) {
    const value =
      check.value === undefined
        ? `n/a (${check.na ?? 'no such figure'})`
        : `${check.value.toFixed(2)} ${check.unit}`;
    const outcome = check.pass === undefined ? 'NOT MEASURED' : check.pass ? 'pass' : 'MISS';
    const verdict = check.blocked === undefined ? outcome : `${outcome}, BLOCKED`;
    const blocked = check.blocked === undefined ? '' : `\n      not counted: ${check.blocked}`;
    process.stdout.write(
      `  ${verdict.padEnd(12)} ${check.figureKey}: ${value}  budget ${check.limit}${blocked}\n`,
    );
  }
  const summary = checkSummary(checks);
  process.stdout.write(`${summary.text}\n`);
  return summary.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
