// makescope/parallelDiff over a real LSP connection: the race as a diagnostic on the rule line, and its quick fix.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import type { ParallelDiffResult } from '../../server/src/parallelProtocol';
import { workspaceFrom, type Workspace } from '../probes/support/fixtureCopy';
import { fileUri, LspSession } from './lspSession';

describe('makescope/parallelDiff over LSP', function () {
  this.timeout(60_000);
  let workspace: Workspace;
  let session: LspSession;

  before(async () => {
    workspace = await workspaceFrom('parallel-race-missing-prerequisite');
    ({ session } = await LspSession.start(workspace.directory));
  });

  after(async () => {
    await session?.shutdown();
    await workspace?.dispose();
  });

  it('answers with the comparison, then publishes the finding with a quick fix that adds the prerequisite', async () => {
    const makefile = path.join(workspace.directory, 'Makefile');
    const uri = fileUri(makefile);
    await session.open(uri, readFileSync(makefile, 'utf8'));
    const result = await session.request<ParallelDiffResult>('makescope/parallelDiff', {
      uri,
      jobs: 2,
      runs: 1,
    });
    assert.equal(result.findings[0]?.kind, 'missing-prerequisite');
    const published = await session.waitForDiagnostics(uri, (params) =>
      params.diagnostics.some((d) => d.source === 'makescope parallel diff'),
    );
    const diagnostic = published.diagnostics.find(
      (d) => d.source === 'makescope parallel diff',
    ) as Diagnostic;
    assert.equal(diagnostic.range.start.line, 8);
    assert.equal(diagnostic.code, 'missing-prerequisite');
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const fix = actions.find((action) => action.title === 'Add config.h to the prerequisites of app.txt');
    assert.deepEqual(fix?.edit?.changes?.[uri], [
      { range: { start: { line: 8, character: 16 }, end: { line: 8, character: 16 } }, newText: ' config.h' },
    ]);
  });
});

describe('makescope/parallelDiff over LSP, a rule written with a space before the colon', function () {
  this.timeout(60_000);
  let workspace: Workspace;
  let session: LspSession;

  before(async () => {
    workspace = await workspaceFrom('parallel-race-spaced-colon');
    ({ session } = await LspSession.start(workspace.directory));
  });

  after(async () => {
    await session?.shutdown();
    await workspace?.dispose();
  });

  it('publishes the race on `a.o : a.c` with the quick fix that adds gen.h', async () => {
    const makefile = path.join(workspace.directory, 'Makefile');
    const uri = fileUri(makefile);
    await session.open(uri, readFileSync(makefile, 'utf8'));
    const result = await session.request<ParallelDiffResult>('makescope/parallelDiff', {
      uri,
      jobs: 2,
      runs: 1,
    });
    assert.equal(result.findings[0]?.kind, 'missing-prerequisite');
    assert.equal(result.findings[0]?.target, 'a.o');
    const published = await session.waitForDiagnostics(uri, (params) =>
      params.diagnostics.some((d) => d.source === 'makescope parallel diff'),
    );
    const diagnostic = published.diagnostics.find(
      (d) => d.source === 'makescope parallel diff',
    ) as Diagnostic;
    assert.equal(diagnostic.range.start.line, 8);
    assert.equal(diagnostic.code, 'missing-prerequisite');
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const fix = actions.find((action) => action.title === 'Add gen.h to the prerequisites of a.o');
    assert.deepEqual(fix?.edit?.changes?.[uri], [
      { range: { start: { line: 8, character: 9 }, end: { line: 8, character: 9 } }, newText: ' gen.h' },
    ]);
  });
});
