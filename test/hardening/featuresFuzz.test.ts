// Every editor feature on fast-check Makefiles at random positions, in process: none throws, all answer in range.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
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
import { makefile } from './support/makefileArbitrary';
import { tally } from './support/tally';

const RUNS = 1500;
const MAIN = 'file:///hardening/project/Makefile';
const INCLUDED = 'file:///hardening/project/rules.mk';

describe('hardening: editor features on fuzzed Makefiles (in process)', () => {
  it(`${RUNS} pairs of including Makefiles, every feature at 3 random positions each`, () => {
    const positions = fc.array(fc.record({ line: fc.nat(40), character: fc.nat(120) }), {
      minLength: 3,
      maxLength: 3,
    });
    fc.assert(
      fc.property(makefile, makefile, positions, (main, included, at) => {
        const model = new WorkspaceModel({ maxFileBytes: 10 * 1048576, includeDirs: [] });
        model.openDocument(MAIN, `include rules.mk\n${main}`, 1);
        model.openDocument(INCLUDED, included, 1);
        const index = model.index(MAIN);
        assert.ok(index, 'the main makefile is analysed');
        documentSymbols(index.parsed);
        foldingRanges(index.parsed);
        codeLenses(index);
        documentLinks(model, MAIN);
        const found = diagnostics(model, MAIN, { environment: new Set(['HOME']) });
        codeActions(model, MAIN, found);
        workspaceSymbols(model, 'a');
        for (const position of at) {
          hover(model, MAIN, position, undefined);
          completion(model, MAIN, position);
          definition(model, MAIN, position);
          references(model, MAIN, position, true);
          if (prepareRename(model, MAIN, position)) rename(model, MAIN, position, 'RENAMED');
        }
      }),
      { numRuns: RUNS },
    );
    tally('editor feature fuzz cases (12 features, 2 files)', RUNS);
  });
});
