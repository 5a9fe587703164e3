// Target depth hints over a real stdio session, checked against make: the longest chain of normal
// prerequisites in make's own database (`make -p -q -k` in a copy, read here by the test itself), and
// before make has answered (Restricted Mode), the chains the makefiles' text declares.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { InlayHint } from 'vscode-languageserver-protocol';
import { fileUri, LspSession, repoRoot } from './lspSession';
import { MAKES, requireMake } from '../probes/support/makes';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'target-depth');
const HINTS = { values: false, automaticVariables: false, targetDepth: true };

/** Hints as "line: label" (1-based lines), the way a reader sees them beside the text. */
const shown = (hints: readonly InlayHint[]): string[] =>
  hints.map((hint) => `${hint.position.line + 1}: ${typeof hint.label === 'string' ? hint.label : ''}`);

/** The tooltip the client shows when the user points at the hint: filled in by inlayHint/resolve. */
async function tooltipOf(lsp: LspSession, hint: InlayHint | undefined): Promise<string> {
  if (!hint) return '';
  assert.equal(hint.tooltip, undefined, 'a depth hint carries no tooltip until it is resolved');
  const resolved = await lsp.request<InlayHint>('inlayHint/resolve', hint);
  return typeof resolved.tooltip === 'string' ? resolved.tooltip : '';
}

/** The normal prerequisites of every file in make's database: the rule lines of its "# Files" section. */
function makesPrerequisites(database: string): Map<string, string[]> {
  const files = database.slice(
    database.indexOf('\n# Files\n'),
    database.indexOf('\n# files hash-table stats'),
  );
  const graph = new Map<string, string[]>();
  for (const line of files.split('\n')) {
    const rule = /^([^#\t\s][^:]*)::? ?(.*)$/.exec(line);
    if (!rule) continue;
    // "app: main.o util.o | out": what follows `|` is order-only.
    const normal = rule[2].split(' | ')[0].split(' ').filter(Boolean);
    graph.set(rule[1], [...(graph.get(rule[1]) ?? []), ...normal]);
  }
  return graph;
}

/** The longest chain below `name` in `graph` (the first of equal chains in make's order). */
function longestChain(graph: Map<string, string[]>, name: string, seen: string[] = []): string[] {
  assert.ok(!seen.includes(name), `make's database still has a loop through ${name}`);
  let best: string[] = [];
  for (const next of graph.get(name) ?? []) {
    const chain = longestChain(graph, next, [...seen, name]);
    if (chain.length > best.length) best = chain;
  }
  return [name, ...best];
}

/** The targets of each rule line of `text` (literal names, no pattern, no special target). */
function ruleTargets(text: string): { line: number; target: string }[] {
  return text.split('\n').flatMap((line, at) => {
    const rule = /^([A-Za-z][^:=#]*):(?!=)/.exec(line);
    return rule
      ? rule[1]
          .split(/\s+/)
          .filter(Boolean)
          .map((target) => ({ line: at + 1, target }))
      : [];
  });
}

describe('target depth inlay hints', function () {
  this.timeout(60_000);
  let folder: string;
  let session: LspSession | undefined;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'makescope-depth-'));
    await cp(fixture, folder, { recursive: true });
  });
  afterEach(async () => {
    await session?.shutdown();
    session = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  async function start(trusted: boolean, names: string[], makePath = 'make'): Promise<LspSession> {
    ({ session } = await LspSession.start(folder, { trusted }));
    session.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => ({ makePath, inlayHints: HINTS })),
    );
    for (const name of names) {
      const file = path.join(folder, name);
      await session.open(fileUri(file), await readFile(file, 'utf8'));
    }
    return session;
  }

  const hintsOf = (lsp: LspSession, name: string): Promise<InlayHint[]> =>
    lsp.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: fileUri(path.join(folder, name)) },
      range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
    });

  for (const make of MAKES)
    it(`counts make ${make.version}'s longest chains: pattern rules and includes resolved, order-only left out, loops as make cut them`, async () => {
      requireMake(make);
      const made = spawnSync(make.path, ['-p', '-q', '-k'], {
        cwd: folder,
        encoding: 'utf8',
        env: { ...process.env, MAKEFLAGS: '' },
      });
      const graph = makesPrerequisites(made.stdout);
      const circular = /Circular \S+ <- \S+ dependency dropped\./.exec(made.stderr)?.[0];
      assert.equal(circular, 'Circular loop-b <- loop-a dependency dropped.');
      const lsp = await start(true, ['Makefile', 'tools.mk'], make.path);
      for (const name of ['Makefile', 'tools.mk']) {
        const text = await readFile(path.join(folder, name), 'utf8');
        const chains = ruleTargets(text).map(({ line, target }) => ({
          line,
          chain: longestChain(graph, target),
        }));
        const expected = chains
          .filter(({ chain }) => chain.length > 1)
          .map(({ line, chain }) => `${line}: depth ${chain.length - 1}`);
        // make is asked in the background; the hints are asked again until they come from its database.
        const deadline = Date.now() + 30_000;
        let hints = await hintsOf(lsp, name);
        while (!(await tooltipOf(lsp, hints[0])).includes("from make's database") && Date.now() < deadline)
          hints = await hintsOf(lsp, name);
        assert.deepEqual(shown(hints), expected, name);
        const tooltips = await Promise.all(hints.map((hint) => tooltipOf(lsp, hint)));
        for (const [at, hint] of hints.entries()) {
          const { chain } = chains.find(({ line }) => line === hint.position.line + 1) ?? { chain: [] };
          assert.ok(tooltips[at].includes("from make's database"), `${name}: ${tooltips[at]}`);
          assert.ok(tooltips[at].split('\n').includes(chain.join(' → ')), `${name}: ${tooltips[at]}`);
        }
        if (name === 'Makefile') {
          const loop = tooltips.find((tooltip) => tooltip.includes('loop-a → loop-b')) ?? '';
          assert.ok(loop.includes(`("${circular}")`), loop);
        }
      }
      // The pattern rule gives gen.o its source, which tools.mk's text alone does not say.
      assert.deepEqual(longestChain(graph, 'tool'), ['tool', 'gen.o', 'gen.c', 'gen.def']);
      // A clean build in the copy runs the recipes of that chain in that order, last first.
      const built = execFileSync(make.path, ['tool'], { cwd: folder, encoding: 'utf8' });
      assert.deepEqual(built.trim().split('\n'), ['cp gen.def gen.c', 'cp gen.c gen.o', 'cat gen.o > tool']);
    });

  it("before make is asked (Restricted Mode), counts the chains the makefiles' text declares", async () => {
    const lsp = await start(false, ['Makefile', 'tools.mk']);
    const makefile = await hintsOf(lsp, 'Makefile');
    assert.deepEqual(shown(makefile), [
      '4: depth 4',
      '8: depth 3',
      '11: depth 2',
      '13: depth 1',
      '20: depth 3',
      '23: depth 2',
      '26: depth 1',
      '29: depth 1',
    ]);
    const [source, chain] = (await tooltipOf(lsp, makefile[0])).split('\n');
    assert.equal(chain, 'all → app → main.o → config.h → config.h.in');
    assert.match(source, /from the makefiles' text/);
    // Without make, gen.o has no rule: the pattern rule is make's to apply.
    assert.deepEqual(shown(await hintsOf(lsp, 'tools.mk')), ['2: depth 1', '5: depth 1']);
  });

  it('shows no depth with the setting off (its default)', async () => {
    ({ session } = await LspSession.start(folder, { trusted: false }));
    const file = path.join(folder, 'Makefile');
    await session.open(fileUri(file), await readFile(file, 'utf8'));
    assert.deepEqual(await hintsOf(session, 'Makefile'), []);
  });
});
