// The extension activates on a Makefile and its language server answers document-symbol requests.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

const extensionId = 'makescope.makescope';

function examplesFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests run with examples/ as the workspace folder');
  return folder.uri;
}

function flatten(symbols: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((symbol) => [symbol, ...flatten(symbol.children ?? [])]);
}

describe('Makescope extension', () => {
  const makefile = () => vscode.Uri.joinPath(examplesFolder(), 'Makefile');

  it('activates when examples/Makefile is opened', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is installed in the extension host`);
    const document = await vscode.workspace.openTextDocument(makefile());
    await vscode.window.showTextDocument(document);
    assert.strictEqual(document.languageId, 'makefile');
    await waitFor(() => extension.isActive, { what: `${extensionId} to activate` });
  });

  it('lists targets and variables of examples/Makefile from the language server', async () => {
    let seen: string[] = [];
    const names = await waitFor(
      async () => {
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
          'vscode.executeDocumentSymbolProvider',
          makefile(),
        );
        seen = flatten(symbols ?? []).map((symbol) => symbol.name);
        return ['all', 'clean', 'OBJS'].every((name) => seen.includes(name)) ? seen : undefined;
      },
      {
        what: () => `document symbols all, clean and OBJS (got: ${seen.join(', ') || 'none'})`,
        timeoutMs: 30_000,
      },
    );
    assert.ok(names.includes('PROGRAM'), `symbols: ${names.join(', ')}`);
  });
});
