// Target depth: the longest chain of normal prerequisites, cycles cut as make cuts them, each target walked once.
import * as assert from 'node:assert/strict';
import { buildFileIndex } from '../../../engine/analysis/fileIndex';
import { staticDependencyGraph } from '../../../engine/analysis/staticDependencyGraph';
import { TargetDepths, type DependencyGraph } from '../../../engine/analysis/targetDepth';
import { databaseDependencyGraph } from '../../../engine/probes/databaseDependencyGraph';
import type { DbFile, MakeDatabase } from '../../../engine/probes/parsers/databaseModel';
import { parseMakefile } from '../../../engine/parser/parser';

/** A graph from `target: prerequisites` pairs, counting how often each name is asked for. */
function graph(edges: Record<string, string[]>, asked = new Map<string, number>()): DependencyGraph {
  return {
    prerequisites(name) {
      asked.set(name, (asked.get(name) ?? 0) + 1);
      return edges[name];
    },
  };
}

const fromText = (...texts: string[]): TargetDepths =>
  new TargetDepths(
    staticDependencyGraph(texts.map((text, at) => buildFileIndex(`file:///p/${at}.mk`, parseMakefile(text)))),
  );

describe('target depth', () => {
  it('counts the edges of the longest chain, the first of equal chains in make order', () => {
    const depths = new TargetDepths(
      graph({
        all: ['app', 'docs'],
        app: ['main.o', 'util.o'],
        'main.o': ['main.c'],
        'util.o': ['util.c'],
        docs: ['a.md'],
      }),
    );
    assert.deepEqual(depths.of('all'), { depth: 3, chain: ['all', 'app', 'main.o', 'main.c'] });
    assert.deepEqual(depths.of('docs'), { depth: 1, chain: ['docs', 'a.md'] });
    // A file no rule names is a leaf of depth 0; a name the graph does not know has no depth.
    assert.deepEqual(depths.of('main.c'), { depth: 0, chain: ['main.c'] });
    assert.equal(depths.of('nowhere'), undefined);
  });

  it('drops an edge that leads back, as make does, and says which', () => {
    const depths = new TargetDepths(graph({ a: ['b'], b: ['c', 'a'], c: [], self: ['self', 'x'] }));
    assert.deepEqual(depths.of('a'), {
      depth: 2,
      chain: ['a', 'b', 'c'],
      circular: { from: 'b', to: 'a' },
    });
    assert.deepEqual(depths.of('self'), {
      depth: 1,
      chain: ['self', 'x'],
      circular: { from: 'self', to: 'self' },
    });
  });

  it('asks for each target once however many chains meet in it, and a long chain needs no deep stack', () => {
    // Each step needs the next two: walked without keeping answers this is 2^60 chains.
    const ladder: Record<string, string[]> = {};
    for (let step = 0; step < 60; step++) ladder[`s${step}`] = [`s${step + 1}`, `s${step + 2}`];
    const asked = new Map<string, number>();
    const depths = new TargetDepths(graph(ladder, asked));
    assert.equal(depths.of('s0')?.depth, 60);
    assert.equal(depths.of('s30')?.depth, 30);
    assert.deepEqual(
      [...asked.values()].filter((times) => times > 1),
      [],
    );
    // The call stack overflows near 10,000 nested calls; the walk keeps a stack of its own.
    const chain = new Map<string, string[]>();
    for (let step = 0; step < 100_000; step++) chain.set(`t${step}`, [`t${step + 1}`]);
    assert.equal(new TargetDepths({ prerequisites: (name) => chain.get(name) }).of('t0')?.depth, 100_000);
  });

  it("reads the makefiles' text: rules add up across includes, order-only and pattern rules left out", () => {
    const depths = fromText(
      ['all: app', 'app: main.o | out', 'main.o: config.h', '%.o: %.c', '\tcc -c $<', 'out: dirs'].join('\n'),
      ['main.o: main.c', 'config.h: config.in gen', 'gen: $(TOOL) .WAIT gen.def'].join('\n'),
    );
    assert.deepEqual(depths.of('all')?.chain, ['all', 'app', 'main.o', 'config.h', 'gen', 'gen.def']);
    assert.equal(depths.of('out')?.depth, 1);
    assert.equal(depths.of('%.o'), undefined);
  });

  it('gives each target of a static pattern rule its own prerequisites, the stem put in', () => {
    const depths = fromText(['objs := a.o', 'a.o b.o: %.o: %.c', 'b.c: b.y', 'c.x: %.o: %.c'].join('\n'));
    assert.deepEqual(depths.of('a.o')?.chain, ['a.o', 'a.c']);
    assert.deepEqual(depths.of('b.o')?.chain, ['b.o', 'b.c', 'b.y']);
    // make ignores a target that does not match the target pattern.
    assert.equal(depths.of('c.x'), undefined);
  });

  it("reads make's database: a dropped circular edge named, files make never looked at flagged", () => {
    const file = (name: string, prerequisites: string[], state = 'missing'): DbFile => ({
      name,
      prerequisites,
      orderOnly: [],
      doubleColon: false,
      isTarget: true,
      phony: false,
      precious: false,
      builtin: false,
      intermediate: false,
      secondary: false,
      state,
      updated: true,
      targetVariables: [],
    });
    const database: MakeDatabase = {
      variables: [],
      // As make prints it after "Circular loop-b <- loop-a dependency dropped.": loop-b lost loop-a.
      files: [
        file('loop-a', ['loop-b']),
        file('loop-b', []),
        file('off', ['skipped'], 'never-checked'),
        file('skipped', [], 'never-checked'),
        file('branch', ['kept']),
        file('kept', []),
      ],
      patternRules: [],
      patternVariables: [],
      vpaths: [],
      generalVpath: [],
      databases: 1,
    };
    // The text also lists `other` for `branch` (in a branch make did not read): no way back, not circular.
    const written = graph({ 'loop-a': ['loop-b'], 'loop-b': ['loop-a'], branch: ['kept', 'other'] });
    const depths = new TargetDepths(databaseDependencyGraph(database, written));
    assert.deepEqual(depths.of('loop-a'), {
      depth: 1,
      chain: ['loop-a', 'loop-b'],
      circular: { from: 'loop-b', to: 'loop-a' },
    });
    assert.deepEqual(depths.of('off'), { depth: 1, chain: ['off', 'skipped'], unchecked: 'off' });
    assert.deepEqual(depths.of('branch'), { depth: 1, chain: ['branch', 'kept'] });
  });
});
