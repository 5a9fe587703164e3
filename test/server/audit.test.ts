// makescope/audit over a real LSP connection: every finding in the Problems panel on its rule line, no unverified quick fix.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import type { AuditResult } from '../../contract/audit';
import { workspaceFrom, type Workspace } from '../probes/support/fixtureCopy';
import { fileUri, LspSession } from './lspSession';

describe('makescope/audit over LSP', function () {
  this.timeout(60_000);
  let workspace: Workspace;
  let session: LspSession;

  before(async () => {
    workspace = await workspaceFrom('audit-every-class');
    ({ session } = await LspSession.start(workspace.directory));
  });

  after(async () => {
    await session?.shutdown();
    await workspace?.dispose();
  });

  it('answers with the findings and publishes each on its rule line, the edit named, no quick fix yet', async () => {
    const makefile = path.join(workspace.directory, 'Makefile');
    const uri = fileUri(makefile);
    await session.open(uri, readFileSync(makefile, 'utf8'));
    const result = await session.request<AuditResult>('makescope/audit', { uri });
    assert.equal(result.findings.length, 8);
    const published = await session.waitForDiagnostics(
      uri,
      (params) => params.diagnostics.filter((d) => d.source === 'makescope audit').length === 8,
    );
    const audit = published.diagnostics.filter((d) => d.source === 'makescope audit');
    const shown = audit.map((d) => `${d.range.start.line + 1} ${String(d.code)} ${d.severity}`).sort();
    assert.deepEqual(shown, [
      '13 unread-prerequisite 2',
      '17 side-output 2',
      '22 side-output 3',
      '29 missing-order-only-prerequisite 2',
      '33 missing-order-only-prerequisite 2',
      '33 unwritten-target 2',
      '37 shared-output 2',
      '9 missing-prerequisite 2',
    ]);
    const missing = audit.find((d) => d.code === 'missing-prerequisite') as Diagnostic;
    assert.match(missing.message, /Fix: add gen\.h to the prerequisites of app\.txt\./);
    assert.equal(missing.relatedInformation?.[0].location.range.start.line, 4);
    // The quick fix applies only a verified edit: none is offered from the audit alone.
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: missing.range,
      context: { diagnostics: [missing] },
    });
    assert.deepEqual(
      actions.filter((action) => action.title.toLowerCase().includes('gen.h')),
      [],
    );
  });
});

describe('makescope/audit with verify over LSP', function () {
  this.timeout(120_000);
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

  it('offers the quick fix once the edit is verified, with the run count in its title', async () => {
    const makefile = path.join(workspace.directory, 'Makefile');
    const uri = fileUri(makefile);
    await session.open(uri, readFileSync(makefile, 'utf8'));
    const result = await session.request<AuditResult>('makescope/audit', { uri, verify: true });
    assert.equal(result.findings[0]?.verification?.status, 'verified', JSON.stringify(result.findings[0]));
    const published = await session.waitForDiagnostics(uri, (params) =>
      params.diagnostics.some((d) => d.source === 'makescope audit'),
    );
    const diagnostic = published.diagnostics.find((d) => d.source === 'makescope audit') as Diagnostic;
    assert.match(diagnostic.message, /Fix verified in 5 runs/);
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const fix = actions.find(
      (action) => action.title === 'Add config.h to the prerequisites of app.txt (verified in 5 runs)',
    );
    const at = { line: 8, character: 16 };
    assert.deepEqual(fix?.edit?.changes?.[uri], [{ range: { start: at, end: at }, newText: ' config.h' }]);
  });
});
