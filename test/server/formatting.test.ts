// Format Document and Format Selection over a real stdio LSP session: the edits a user's editor applies.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../engine/format/formatMakefile';
import { LspSession, fileUri } from './lspSession';

const MESSY = 'CC=gcc\nCFLAGS  +=-O2   # tuned\n\n\n\nall : app\n\techo  $(CC)  \n#done\nx=1';

describe('formatting over stdio', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'makescope-format-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('formats a document and a selection, leaving recipes as written', async () => {
    const { session, result } = await LspSession.start(dir);
    try {
      assert.equal(result.capabilities.documentFormattingProvider, true);
      assert.equal(result.capabilities.documentRangeFormattingProvider, true);
      const uri = fileUri(path.join(dir, 'Makefile'));
      await session.open(uri, MESSY);
      const options = { tabSize: 4, insertSpaces: true };
      const whole = await session.request<TextEdit[]>('textDocument/formatting', {
        textDocument: { uri },
        options,
      });
      assert.equal(
        applyEdits(MESSY, whole),
        'CC = gcc\nCFLAGS += -O2   # tuned\n\nall: app\n\techo  $(CC)  \n# done\nx = 1\n',
      );
      const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
      const selection = await session.request<TextEdit[]>('textDocument/rangeFormatting', {
        textDocument: { uri },
        range,
        options,
      });
      assert.equal(applyEdits(MESSY, selection), MESSY.replace('CC=gcc', 'CC = gcc'));
    } finally {
      await session.shutdown();
    }
  });
});
