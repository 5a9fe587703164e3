// The outline over stdio, where the server sends each document version's symbols from bytes serialized once.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspSession, fileUri } from './lspSession';

const MAKEFILE = [
  'CC ?= cc',
  'ifdef DEBUG',
  'CFLAGS += -g',
  'else',
  'CFLAGS += -O2',
  'endif',
  'all: app',
  'app: main.o',
  '\t$(CC) -o $@ $^',
  '',
].join('\n');

/** What the outline view shows: names, nested under their conditional branch. */
function tree(symbols: DocumentSymbol[]): unknown[] {
  return symbols.map((symbol) => (symbol.children ? [symbol.name, tree(symbol.children)] : symbol.name));
}

describe('outline over stdio', () => {
  let dir: string;
  let uri: string;
  let session: LspSession;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'makescope-outline-'));
    uri = fileUri(path.join(dir, 'Makefile'));
    ({ session } = await LspSession.start(dir));
    await session.open(uri, MAKEFILE);
  });

  after(async () => {
    await session.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const outline = () =>
    session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });

  it('answers the same outline again and again for one version', async () => {
    const first = await outline();
    assert.deepEqual(tree(first), ['CC', ['ifdef DEBUG', ['CFLAGS']], ['else', ['CFLAGS']], 'all', 'app']);
    assert.deepEqual(await outline(), first);
    assert.deepEqual(await outline(), first);
  });

  it('follows an edit at once: the next answer is the new version, not the bytes of the old one', async () => {
    await outline();
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 3 } }, text: 'world' },
      ],
    });
    const edited = await outline();
    assert.deepEqual(tree(edited), ['CC', ['ifdef DEBUG', ['CFLAGS']], ['else', ['CFLAGS']], 'world', 'app']);
    assert.deepEqual(edited[3].selectionRange, {
      start: { line: 6, character: 0 },
      end: { line: 6, character: 5 },
    });
  });

  it('still exits when the client closes its stdin without shutdown (the stdio transport is built by us)', async () => {
    const { session: other } = await LspSession.start(dir);
    const exited = new Promise<number | null>((resolve) => other.child.once('exit', (code) => resolve(code)));
    other.child.stdin.end();
    assert.equal(await exited, 1, 'exit code 1: no shutdown request came before');
    other.connection.dispose();
  });
});
