// The quick fixes of MS117, MS121 and MS122 over a real stdio connection: the text after applying each, as the editor shows it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { LspSession, fileUri, repoRoot } from './lspSession';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'static-features');
const uri = fileUri(path.join(fixture, 'quick-fixes.mk'));
const TEXT = [
  'all: x.o y.o x.o',
  '\t@echo $^',
  'X = a',
  'X = $(X) more',
  'OUT = build   # where',
  '.PHONY: all',
  'x.o y.o:',
  '\t@touch $@ $(OUT)',
  '',
].join('\n');

/** One edit applied to the text (the fixes here touch one line each). */
function applied(text: string, edit: TextEdit): string {
  const lines = text.split('\n');
  const { start, end } = edit.range;
  const line = lines[start.line] ?? '';
  assert.equal(start.line, end.line);
  lines[start.line] = line.slice(0, start.character) + edit.newText + line.slice(end.character);
  return lines.join('\n');
}

describe('lint quick fixes over stdio', () => {
  let session: LspSession;
  let diagnostics: Diagnostic[];

  before(async () => {
    ({ session } = await LspSession.start(fixture));
    await session.open(uri, TEXT);
    const codes = ['MS117', 'MS121', 'MS122'];
    diagnostics = (
      await session.waitForDiagnostics(uri, (p) =>
        codes.every((c) => p.diagnostics.some((d) => d.code === c)),
      )
    ).diagnostics;
  });

  after(async () => {
    await session.shutdown();
  });

  async function fixedLine(code: string): Promise<string> {
    const diagnostic = diagnostics.find((d) => d.code === code);
    assert.ok(diagnostic, `${code} is reported`);
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const edit = actions[0]?.edit?.changes?.[uri]?.[0];
    assert.ok(edit, `${code} has a quick fix`);
    return applied(TEXT, edit).split('\n')[diagnostic.range.start.line] ?? '';
  }

  it('removes the repeated prerequisite (MS117)', async () => {
    assert.equal(await fixedLine('MS117'), 'all: x.o y.o');
  });

  it("turns X = $(X) more into X += more (MS121), not ':=' which would change X's flavor", async () => {
    assert.equal(await fixedLine('MS121'), 'X += more');
  });

  it('removes the blanks at the end of a value and keeps the comment (MS122)', async () => {
    assert.equal(await fixedLine('MS122'), 'OUT = build# where');
  });
});
