// On-type formatting over a real stdio session: Enter after a rule or recipe line starts a recipe line, which make then runs.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { LspSession } from './lspSession';
import { openScratchMakefile, runMake, withCursor } from './support/scratchMakefile';

/** The edits the server answers for Enter typed just before `|` (the new, empty line holds the marker). */
async function enterEdits(
  marked: string,
): Promise<{ text: string; edits: TextEdit[]; folder: string; close: () => Promise<void> }> {
  const { text, position } = withCursor(marked);
  const scratch = await openScratchMakefile(text);
  const edits = await scratch.session.request<TextEdit[]>('textDocument/onTypeFormatting', {
    textDocument: { uri: scratch.uri },
    position,
    ch: '\n',
    options: { tabSize: 8, insertSpaces: false },
  });
  return { text, edits, folder: scratch.folder, close: () => scratch.close() };
}

/** `text` with one edit applied on a single line. */
function applied(text: string, edit: TextEdit): string {
  const lines = text.split('\n');
  const line = lines[edit.range.start.line];
  lines[edit.range.start.line] =
    line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
  return lines.join('\n');
}

describe('on-type formatting', function () {
  this.timeout(60_000);

  it('is announced for Enter', async () => {
    const { session, result } = await LspSession.start();
    try {
      assert.equal(result.capabilities.documentOnTypeFormattingProvider?.firstTriggerCharacter, '\n');
    } finally {
      await session.shutdown();
    }
  });

  const cases = [
    { name: 'a rule line', marked: 'all: dep\n|\ndep:;@:\n', prefix: '\t' },
    { name: 'a recipe line', marked: 'all:\n\t@echo first\n|\n', prefix: '\t' },
    { name: 'a rule line under .RECIPEPREFIX = >', marked: '.RECIPEPREFIX = >\nall:\n|\n', prefix: '>' },
  ];
  for (const { name, marked, prefix } of cases) {
    it(`starts the line after ${name} with the recipe prefix, and make runs what follows as the recipe`, async () => {
      const typed = await enterEdits(marked);
      try {
        assert.equal(typed.edits.length, 1, JSON.stringify(typed.edits));
        assert.equal(typed.edits[0].newText, prefix);
        const line = typed.edits[0].range.start.line;
        const edited = applied(typed.text, typed.edits[0]).split('\n');
        edited[line] += '@echo typed-after-enter';
        await writeFile(path.join(typed.folder, 'Makefile'), edited.join('\n'));
        const run = runMake(typed.folder, ['-s', 'all']);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /^typed-after-enter$/m, 'make runs the new line as a recipe line');
      } finally {
        await typed.close();
      }
    });
  }

  for (const { name, marked } of [
    { name: 'a variable assignment', marked: 'CFLAGS = -O2\n|\nall:;@:\n' },
    { name: 'a blank line', marked: 'all:\n\t@echo x\n\n|\n' },
    { name: 'a continued rule line', marked: 'all: a \\\n|\n' },
    { name: 'a .PHONY line', marked: '.PHONY: all\n|\n' },
  ]) {
    it(`inserts nothing after ${name}`, async () => {
      const typed = await enterEdits(marked);
      try {
        assert.deepEqual(typed.edits, []);
      } finally {
        await typed.close();
      }
    });
  }
});
