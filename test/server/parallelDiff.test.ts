// makescope/parallelDiff over a real LSP connection: the race as a diagnostic on the rule line, and its quick fix.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import type { ParallelDiffResult } from '../../contract/parallelDiff';
import { workspaceFrom, type Workspace } from '../probes/support/fixtureCopy';
import { fileUri, LspSession } from './lspSession';

/** A fixture with one race, and where its diagnostic and quick fix must land. */
interface RaceCase {
  suite: string;
  test: string;
  fixture: string;
  reader: string;
  fixTitle: string;
  /** 0-based line of the rule; the fix inserts `newText` at `character` on it. */
  line: number;
  character: number;
  newText: string;
}

const CASES: RaceCase[] = [
  {
    suite: 'makescope/parallelDiff over LSP',
    test: 'answers with the comparison, then publishes the finding with a quick fix that adds the prerequisite',
    fixture: 'parallel-race-missing-prerequisite',
    reader: 'app.txt',
    fixTitle: 'Add config.h to the prerequisites of app.txt',
    line: 8,
    character: 16,
    newText: ' config.h',
  },
  {
    suite: 'makescope/parallelDiff over LSP, a rule written with a space before the colon',
    test: 'publishes the race on `a.o : a.c` with the quick fix that adds gen.h',
    fixture: 'parallel-race-spaced-colon',
    reader: 'a.o',
    fixTitle: 'Add gen.h to the prerequisites of a.o',
    line: 8,
    character: 9,
    newText: ' gen.h',
  },
];

for (const race of CASES) {
  describe(race.suite, function () {
    this.timeout(60_000);
    let workspace: Workspace;
    let session: LspSession;

    before(async () => {
      workspace = await workspaceFrom(race.fixture);
      ({ session } = await LspSession.start(workspace.directory));
    });

    after(async () => {
      await session?.shutdown();
      await workspace?.dispose();
    });

    it(race.test, async () => {
      const makefile = path.join(workspace.directory, 'Makefile');
      const uri = fileUri(makefile);
      await session.open(uri, readFileSync(makefile, 'utf8'));
      const result = await session.request<ParallelDiffResult>('makescope/parallelDiff', {
        uri,
        jobs: 2,
        runs: 1,
      });
      assert.equal(result.findings[0]?.kind, 'missing-prerequisite');
      assert.equal(result.findings[0]?.target, race.reader);
      const published = await session.waitForDiagnostics(uri, (params) =>
        params.diagnostics.some((d) => d.source === 'makescope parallel diff'),
      );
      const diagnostic = published.diagnostics.find(
        (d) => d.source === 'makescope parallel diff',
      ) as Diagnostic;
      assert.equal(diagnostic.range.start.line, race.line);
      assert.equal(diagnostic.code, 'missing-prerequisite');
      const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
      });
      const fix = actions.find((action) => action.title === race.fixTitle);
      const at = { line: race.line, character: race.character };
      assert.deepEqual(fix?.edit?.changes?.[uri], [{ range: { start: at, end: at }, newText: race.newText }]);
    });
  });
}
