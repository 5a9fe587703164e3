// Lint's work grows linearly on the shapes that once made a rule quadratic: work is counted, not timed.
// Counted: every read of an item of the file's lists (statements, targets, prerequisites, recipes,
// variables, references, comments) and every Map/Set lookup made while linting. Four times the input
// may cost at most six times the count: linear work measures ~4x, a scan per item ~16x.
import { strict as assert } from 'node:assert';
import type { FileIndex } from '../../../engine/analysis/fileIndex';
import { WorkspaceModel } from '../../../engine/analysis/workspaceModel';
import { lintFile } from '../../../engine/lint/lint';
import { costRatio, TENFOLD_LINEAR_BOUND as CPU_BOUND } from '../../hardening/support/workRatio';

const LINEAR_BOUND = 6;
const N = 300;

const lines = (n: number, each: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => each(i)).join('');

/** Each shape at size n, named for the rule whose old scan it caught. */
const SHAPES: Record<string, (n: number) => string> = {
  'MS116: n two-target loops': (n) => lines(n, (i) => `a${i}: b${i}\nb${i}: a${i}\n`),
  'MS105: n unused variables beside n export directives': (n) => lines(n, (i) => `V${i} = x\nexport E${i}\n`),
  'MS109: a hidden sub-make in n recipes': (n) =>
    'SUB = $(MAKE) -C lib\n' + lines(n, (i) => `t${i}:\n\t$(SUB) all\n`),
  'MS120: n rules without prerequisites reading $<': (n) => lines(n, (i) => `t${i}:\n\tcp $< $@\n`),
  'MS107: n $(shell) variables each reading a file a rule writes, named through a reference': (n) =>
    'NOW = $(shell date)\nnow:\n\t@echo $(NOW) $(NOW)\n' +
    lines(n, (i) => `V${i} = $(shell cat $(D)/f${i}.txt)\nt${i}/f${i}.txt:\n\t@echo $(V${i}) $(V${i})\n`),
  'MS117: n repeated prerequisites, with a chain of n variables that read $+': (n) =>
    lines(n, (i) => `R${n - i} = $(R${n - i - 1})\n`) + 'R0 = $+\n' + lines(n, (i) => `t${i}: p p\n`),
  'MS118: n rules for one target': (n) =>
    lines(n, (i) => `all: a${i} b${i}\n\techo ${i}\na${i}: b${i}\nb${i}:\n\ttouch b${i}\n`),
  'MS122: n values ending in blanks, n comments': (n) =>
    lines(n, (i) => `# about V${i}\nV${i} = a  \n$(V${i}):\n`),
  'MS123: one target, n :: rules in one branch and n : rules in the other, one : after': (n) =>
    `ifdef A\n${lines(n, () => 'x::\n')}else\n${lines(n, () => 'x:\n')}endif\nx:\n`,
};

/** A list whose item reads add to `count`. */
function counted<T extends object>(list: T, count: { work: number }): T {
  return new Proxy(list, {
    get(target, property, receiver) {
      if (typeof property === 'string' && /^\d+$/.test(property)) count.work++;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/** Runs `work` with every Map.get, Map.has and Set.has adding to `count`. */
function countingLookups<T>(count: { work: number }, work: () => T): T {
  const originals = [
    [Map.prototype, 'get', Map.prototype.get],
    [Map.prototype, 'has', Map.prototype.has],
    [Set.prototype, 'has', Set.prototype.has],
  ] as const;
  for (const [prototype, name, original] of originals) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...args: unknown[]): unknown {
        count.work++;
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      },
    });
  }
  try {
    return work();
  } finally {
    for (const [prototype, name, original] of originals)
      Object.defineProperty(prototype, name, { configurable: true, writable: true, value: original });
  }
}

/** How much work linting `text` takes, and what it finds. */
function lintWork(text: string, lint: typeof lintFile = lintFile): { work: number; codes: Set<string> } {
  const model = new WorkspaceModel({ maxFileBytes: 1 << 24, includeDirs: [] });
  const uri = 'file:///scaling/Makefile';
  model.openDocument(uri, text, 1);
  const index = model.index(uri) as FileIndex;
  const count = { work: 0 };
  for (const key of ['statements', 'targets', 'prerequisites', 'recipes', 'variables'] as const)
    (index as unknown as Record<string, object>)[key] = counted(index[key], count);
  const parsed = Object.create(index.parsed) as FileIndex['parsed'];
  Object.defineProperty(parsed, 'references', { value: counted(index.parsed.references, count) });
  Object.defineProperty(parsed, 'comments', { value: counted(index.parsed.comments, count) });
  index.parsed = parsed;
  const findings = countingLookups(count, () => lint(model, uri, { environment: new Set() }));
  return { work: count.work, codes: new Set(findings.map((finding) => finding.code)) };
}

describe('lint scaling: work counted on the shapes that were quadratic', () => {
  it('the measure has teeth: a rule that scans every statement per statement exceeds the bound', () => {
    const scanPerStatement: typeof lintFile = (model, uri) => {
      const index = model.index(uri);
      let found = 0;
      for (const statement of index?.statements ?? [])
        found += (index?.statements ?? []).filter((other) => other.type === statement.type).length;
      return found > 0 ? [] : [];
    };
    const text = SHAPES['MS116: n two-target loops'] as (n: number) => string;
    const small = lintWork(text(N / 4), scanPerStatement);
    const large = lintWork(text(N), scanPerStatement);
    assert.ok(large.work / small.work > LINEAR_BOUND, `${large.work / small.work}x`);
  });

  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`${name}: 4x the input, at most ${LINEAR_BOUND}x the work`, () => {
      const small = lintWork(shape(N));
      const large = lintWork(shape(4 * N));
      const code = name.slice(0, name.indexOf(':'));
      assert.ok(small.codes.has(code), `the shape makes ${code} report`);
      assert.ok(
        large.work <= LINEAR_BOUND * small.work,
        `${large.work} lookups and list reads for ${4 * N}, ${small.work} for ${N} (${(large.work / small.work).toFixed(1)}x)`,
      );
    });
  }
});

describe('lint scaling: CPU time on long words, where a pattern could backtrack', () => {
  const lint = (text: string) => (): void => void lintWork(text);
  const SHAPES_BY_LENGTH: Record<string, (n: number) => string> = {
    "MS107: a $(shell) word ending in n ')' then a letter": (n) =>
      `X = $(shell cat ${')'.repeat(n)}x)\nall:\n\t@echo $(X) $(X)\n`,
  };
  for (const [name, shape] of Object.entries(SHAPES_BY_LENGTH)) {
    it(`${name}: 10x the length, at most ${CPU_BOUND}x the CPU time`, () => {
      const result = costRatio(lint(shape(3000)), lint(shape(30000)), CPU_BOUND);
      assert.ok(result.ratio <= CPU_BOUND, `${result.ratio.toFixed(1)}x (${JSON.stringify(result)})`);
    });
  }
});
