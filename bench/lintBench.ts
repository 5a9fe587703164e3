// What linting costs beside parsing: the static lint rules on cmake's 30,000-line Makefile (and the dense 100,000-line one) against its parse, same rounds.
import { readFileSync } from 'node:fs';
import { GCProfiler } from 'node:v8';
import { engine } from './dist';
import { errorText, formatValue, notAvailable, type Figure } from './figures';
import { median, nowMs, pairedRatio, percentile } from './stats';
import { seededRandom } from '../test/shared/seededRandom';

/** A makefile the lint row measures, its row's key and label, and how many rounds it takes. */
export interface LintSubject {
  key: string;
  label: string;
  rounds: (options: { rounds: number }) => number;
}

/** cmake's generated Makefile (the budgeted row): enough rounds that those where one side took a collection stay a minority. */
export const GENERATED_30K: LintSubject = {
  key: 'parser.generated30kLintMs',
  label: 'lint (static rules MS101-MS125) of the cmake-generated top-level Makefile',
  rounds: ({ rounds }) => Math.max(rounds * 11, 33),
};

/**
 * The dense synthetic file (shown, not budgeted): assignments, conditionals and rules by the ten
 * thousand, where rules that read every assignment cost most (one took 40 ms per lint, unseen by the
 * cmake file's 7 assignments). A round takes ~0.4 s: fewer rounds.
 */
export const SYNTHETIC_100K: LintSubject = {
  key: 'parser.synthetic100kLintMs',
  label: 'lint (static rules MS101-MS125) of the synthetic 100,000-line Makefile',
  rounds: ({ rounds }) => Math.max(rounds * 3, 15),
};

/** What a round needs of the engine: the bench's bundle, or another build of it when two are compared. */
export type LintEngine = Pick<
  ReturnType<typeof engine>,
  'parseMakefile' | 'WorkspaceModel' | 'lintFile' | 'pathToUri'
>;

/** One step of a round: wall-clock ms, the process's CPU ms, and the collections' pauses within it (ms). */
export interface Step {
  wallMs: number;
  cpuMs: number;
  gcMs: number;
}

/** Per round: the parse, the fresh model (untimed for the ratio) and the lint; the lint ÷ parse ratio in CPU time. */
export interface LintRounds {
  parse: Step[];
  index: number[];
  lint: Step[];
  ratios: number[];
  /** Per round: the target-name table alone (`targetNameTable`) ÷ the parse, in CPU time. */
  tableRatios: number[];
  /** How many distinct names the table holds. */
  targetNames: number;
  findings: number;
}

/**
 * A lower bound on what linting the file can cost, measured beside it: its target names put in one
 * set, which the overriding-recipe rule (a name listed twice with a recipe) and the circular-dependency
 * rule (prerequisites that are targets) each need in some form. The names are fresh strings, hashed for
 * the first time, as in the lint.
 */
function targetNameTable(targets: readonly { name: string }[]): number {
  const names = new Set<string>();
  for (const target of targets) names.add(target.name);
  return names.size;
}

/**
 * Each round times the parse alone (`parseMakefile`, the parser row's figure) and, as the server does
 * for a file it has just read, a fresh workspace model reading and indexing the file (untimed for the
 * ratio: it holds a parse) followed at once by `lintFile` on it. The figure is the median of the
 * rounds' own lint ÷ parse ratios, in the CPU time of the process.
 *
 * Why that is fair to both sides. What a step costs beyond its own work is the young-generation
 * collection it happens to trigger, which copies everything still young (the model, the tree) and can
 * cost more than the step. The step that fills the young generation pays, so with a fixed order the
 * collection tends to land on the same step every round (a round allocates about one young
 * generation), and the ratio read 0.44x in one run and 2.10x in others. Here each round first
 * allocates an untimed amount of garbage drawn at random from zero to one young generation, so a
 * collection falls on each step with a chance in proportion to what the step allocates (the parse
 * about 7 MB, the lint about 3.4 MB), as in a server that has been running; and the parse goes before
 * the model and the lint in one round and after them in the next. A round's ratio compares the two at
 * the same moment of the machine, and the median of the ratios leaves out the rounds where one side
 * took a collection, whichever side it was, as long as each side took one in fewer than half of the
 * rounds (the row says how many). The parse, which allocates more, takes one more often (a third of
 * the rounds against a tenth in runs so far), which can pull the median below the ratio of the work
 * alone: the row prints that one too, each side's collection pauses taken out. CPU time rather than wall-clock time, because on a shared machine
 * another process taking the core for a while lands on one side as unfairly as a collection does.
 * There is no full `gc()` between steps: it empties and shrinks the young generation, which slows the
 * next parse (its tree is copied by more, smaller collections) and flatters the ratio.
 *
 * Last in each round, on a third fresh model, the target-name table alone (`targetNameTable`): what
 * the ratio cannot go below while those two rules exist, whatever the rest of the lint costs.
 */
export function lintRounds(
  { parseMakefile, WorkspaceModel, lintFile, pathToUri }: LintEngine,
  file: string,
  options: { rounds: number; warmup: number; youngBytes?: number },
): LintRounds {
  const text = readFileSync(file, 'utf8');
  const uri = pathToUri(file);
  const environment = new Set(Object.keys(process.env));
  const youngBytes = options.youngBytes ?? 32 * 1048576;
  const random = seededRandom(21);
  const result: LintRounds = {
    parse: [],
    index: [],
    lint: [],
    ratios: [],
    tableRatios: [],
    targetNames: 0,
    findings: 0,
  };
  const parse = (): Step => timed(() => void parseMakefile(text));
  const modelThenLint = (): [number, Step] => {
    const start = nowMs();
    const model = new WorkspaceModel({ maxFileBytes: 10 * 1048576, includeDirs: [] });
    model.openDocument(uri, text, 1);
    if (!model.index(uri)) throw new Error(`the model did not index ${file}`);
    const indexMs = nowMs() - start;
    return [indexMs, timed(() => void (result.findings = lintFile(model, uri, { environment }).length))];
  };
  // On a model of its own, so that the lint's names were never hashed before it (nor the table's).
  const nameTable = (): Step => {
    const model = new WorkspaceModel({ maxFileBytes: 10 * 1048576, includeDirs: [] });
    model.openDocument(uri, text, 1);
    const targets = model.index(uri)?.targets ?? [];
    return timed(() => void (result.targetNames = targetNameTable(targets)));
  };
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    garbage(Math.floor(random() * youngBytes));
    let parsed: Step;
    let linted: [number, Step];
    if (round % 2 === 0) {
      parsed = parse();
      linted = modelThenLint();
    } else {
      linted = modelThenLint();
      parsed = parse();
    }
    const table = nameTable();
    if (round < options.warmup) continue;
    result.parse.push(parsed);
    result.index.push(linted[0]);
    result.lint.push(linted[1]);
    result.ratios.push(linted[1].cpuMs / parsed.cpuMs);
    result.tableRatios.push(table.cpuMs / parsed.cpuMs);
  }
  return result;
}

/** Runs `step` once: its wall-clock and CPU time, and the pauses of the collections that fell within it. */
function timed(step: () => void): Step {
  const collections = new GCProfiler();
  collections.start();
  const cpuStart = process.cpuUsage();
  const start = nowMs();
  step();
  const wallMs = nowMs() - start;
  const cpu = process.cpuUsage(cpuStart);
  const stats = collections.stop()?.statistics ?? [];
  // The profiler gives each collection's cost in microseconds.
  const gcMs = stats.reduce((sum, collection) => sum + collection.cost, 0) / 1000;
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, gcMs };
}

/** Where a written object goes, so that the optimizer cannot drop the allocation. */
const sink: unknown[] = [undefined];

/** About `bytes` of short-lived objects (two small numbers each: 32 to 40 bytes with their header). */
function garbage(bytes: number): void {
  for (let i = 0; i < bytes / 36; i++) sink[0] = { a: i, b: i };
  sink[0] = undefined;
}

/** In how many rounds a collection fell within the step. */
function collected(steps: readonly Step[]): number {
  return steps.filter((step) => step.gcMs > 0).length;
}

export function lintBench(
  file: string,
  options: { rounds: number; warmup: number },
  subject: LintSubject = GENERATED_30K,
): Figure {
  try {
    const { parse, index, lint, ratios, tableRatios, targetNames, findings } = lintRounds(engine(), file, {
      rounds: subject.rounds(options),
      warmup: options.warmup * 3,
    });
    const lines = readFileSync(file, 'utf8').split('\n').length;
    const ratio = median(ratios);
    const cpu = (steps: readonly Step[]): number[] => steps.map((step) => step.cpuMs);
    const wall = (steps: readonly Step[]): number[] => steps.map((step) => step.wallMs);
    const wallRatio = pairedRatio(wall(lint), wall(parse));
    // The same ratio with each side's collection pauses taken out: the work alone, wherever a collection fell.
    const work = (steps: readonly Step[]): number[] => steps.map((step) => step.cpuMs - step.gcMs);
    const workRatio = pairedRatio(work(lint), work(parse));
    const tableRatio = median(tableRatios);
    return {
      key: subject.key,
      section: 'parser',
      label: `${subject.label} (${lines.toLocaleString('en-US')} lines, ${findings} findings), CPU ms`,
      value: median(cpu(lint)),
      unit: 'ms',
      peer:
        `its parse in the same rounds ${formatValue(median(cpu(parse)), 'ms')} CPU (lint ${ratio.toFixed(2)}x of it: ` +
        `median of ${ratios.length} rounds' ratios, quartiles ${percentile(ratios, 25).toFixed(2)}-${percentile(ratios, 75).toFixed(2)}; ` +
        `a collection fell in the parse in ${collected(parse)} rounds, in the lint in ${collected(lint)}; ` +
        `without the collections' pauses ${workRatio.toFixed(2)}x); ` +
        `wall clock: lint ${formatValue(median(wall(lint)), 'ms')}, parse ${formatValue(median(wall(parse)), 'ms')}, ` +
        `median ratio ${wallRatio.toFixed(2)}x; reading it into a fresh model (parse + index) ${formatValue(median(index), 'ms')}; ` +
        `a lower bound, in the same rounds: its ${targetNames.toLocaleString('en-US')} target names put in one set, ` +
        `a table the overriding-recipe and circular-dependency rules each need, ${tableRatio.toFixed(2)}x of the parse alone`,
      ratios: { overParse: ratio, workOverParse: workRatio, nameTableOverParse: tableRatio },
      details: { lines, findings, targetNames, parse, index, lint, ratios, tableRatios },
    };
  } catch (error) {
    return notAvailable(subject.key, 'parser', subject.label, 'ms', errorText(error));
  }
}
