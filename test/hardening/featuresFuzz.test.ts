// Every editor feature on fast-check Makefiles at random positions, in process: none throws, all answer in range.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkspaceModel } from '../../engine/analysis/workspaceModel';
import { codeActions } from '../../server/src/features/codeActions';
import { codeLenses } from '../../server/src/features/codeLens';
import { completion } from '../../server/src/features/completion';
import { definition } from '../../server/src/features/definition';
import { diagnostics } from '../../server/src/features/diagnostics';
import { documentLinks } from '../../server/src/features/documentLinks';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/folding';
import { hover } from '../../server/src/features/hover';
import { references } from '../../server/src/features/references';
import { prepareRename, rename } from '../../server/src/features/rename';
import { workspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { semanticTokens } from '../../server/src/features/semanticTokens';
import { inlayHints } from '../../server/src/features/inlayHints';
import { staticDependencyGraph } from '../../engine/analysis/staticDependencyGraph';
import { TargetDepths } from '../../engine/analysis/targetDepth';
import { boundNames, definedNames } from '../../engine/analysis/variableNames';
import { assertInRange } from './support/inRange';
import { makefile } from './support/makefileArbitrary';
import { tally } from './support/tally';
import { SEED } from '../shared/seed';

const RUNS = 1500;
const MAIN = 'file:///hardening/project/Makefile';
const INCLUDED = 'file:///hardening/project/rules.mk';

type Position = { line: number; character: number };

describe('hardening: editor features on fuzzed Makefiles (in process)', () => {
  it(`${RUNS} pairs of including Makefiles, every feature at 3 random positions each`, () => {
    const positions = fc.array(fc.record({ line: fc.nat(40), character: fc.nat(120) }), {
      minLength: 3,
      maxLength: 3,
    });
    let checked = 0;
    fc.assert(
      fc.property(makefile, makefile, positions, (main, included, at) => {
        const text = `include rules.mk\n${main}`;
        const documents = { [MAIN]: text, [INCLUDED]: included };
        const model = new WorkspaceModel({ maxFileBytes: 10 * 1048576, includeDirs: [] });
        model.openDocument(MAIN, text, 1);
        model.openDocument(INCLUDED, included, 1);
        const index = model.index(MAIN);
        assert.ok(index, 'the main makefile is analysed');
        const inRange = (answer: unknown, what: string): void => {
          checked += assertInRange(answer, MAIN, documents, what);
        };
        inRange(documentSymbols(index.parsed), 'documentSymbols');
        inRange(foldingRanges(index.parsed), 'foldingRanges');
        inRange(codeLenses(index), 'codeLenses');
        inRange(documentLinks(model, MAIN), 'documentLinks');
        const found = diagnostics(model, MAIN, { environment: new Set(['HOME']) });
        inRange(found, 'diagnostics');
        inRange(codeActions(model, MAIN, found), 'codeActions');
        inRange(workspaceSymbols(model, 'a'), 'workspaceSymbols');
        const defined = definedNames(model);
        const bound = boundNames(index);
        const tokens = semanticTokens(index, text, {
          defined: (name) => defined.has(name) || bound.has(name),
          environment: new Set(['HOME']),
        });
        inRange(tokenRanges(tokens.data), 'semanticTokens');
        const wholeFile = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
        const hints = inlayHints(index, wholeFile, {
          settings: { values: true, automaticVariables: true, targetDepth: true },
          depths: { from: 'text', depths: new TargetDepths(staticDependencyGraph(model.project(MAIN))) },
        });
        inRange(
          hints.map((hint) => ({ start: hint.position, end: hint.position })),
          'inlayHints',
        );
        for (const position of at) {
          const where = `at ${position.line}:${position.character}`;
          inRange(hover(model, MAIN, position, undefined), `hover ${where}`);
          inRange(completion(model, MAIN, position), `completion ${where}`);
          inRange(definition(model, MAIN, position), `definition ${where}`);
          inRange(references(model, MAIN, position, true), `references ${where}`);
          const renameable = prepareRename(model, MAIN, position);
          inRange(renameable, `prepareRename ${where}`);
          if (renameable) inRange(rename(model, MAIN, position, 'RENAMED'), `rename ${where}`);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The check has something to check: the fuzzed Makefiles give the features ranges to answer with.
    assert.ok(checked > RUNS, `only ${checked} ranges checked in ${RUNS} cases`);
    tally('editor feature fuzz cases (14 features, 2 files)', RUNS);
  });
});

/** Each token of LSP's relative encoding as the range it colours. */
function tokenRanges(data: readonly number[]): { start: Position; end: Position }[] {
  const ranges: { start: Position; end: Position }[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    ranges.push({ start: { line, character }, end: { line, character: character + data[i + 2] } });
  }
  return ranges;
}
