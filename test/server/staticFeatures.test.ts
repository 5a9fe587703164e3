// Every static LSP feature over a real stdio connection to dist/server.js, on the static-features fixture.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type {
  CodeAction,
  CompletionItem,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  MarkupContent,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { LspSession, fileUri, repoRoot } from './lspSession';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'static-features');
const makefile = path.join(fixture, 'Makefile');
const uri = fileUri(makefile);
const commonUri = fileUri(path.join(fixture, 'mk', 'common.mk'));
const at = (line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });

function flatten(symbols: DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((symbol) => [symbol, ...flatten(symbol.children ?? [])]);
}

function hoverText(result: Hover | null): string {
  assert.ok(result, 'a hover is shown');
  return (result.contents as MarkupContent).value;
}

describe('static language features over stdio', () => {
  let session: LspSession;

  before(async () => {
    ({ session } = await LspSession.start(fixture));
    await session.open(uri, readFileSync(makefile, 'utf8'));
  });

  after(async () => {
    await session.shutdown();
  });

  it('lists targets, variables, define blocks and includes in the outline', async () => {
    const symbols = flatten(
      await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }),
    );
    const names = symbols.map((symbol) => symbol.name);
    for (const name of ['all', 'app', '%.o', 'clean', 'SRCS', 'OBJS', 'HELP_TEXT', 'mk/common.mk']) {
      assert.ok(names.includes(name), `outline has ${name}: ${names.join(', ')}`);
    }
    const app = symbols.find((symbol) => symbol.name === 'app');
    assert.deepEqual(app?.range.start, { line: 12, character: 0 });
    assert.equal(app?.range.end.line, 13, "the rule's symbol covers its recipe");
  });

  it('goes from a reference to the variable definition, also across an include', async () => {
    const objs = await session.request<Location[]>('textDocument/definition', at(12, 8));
    assert.deepEqual(
      objs.map((l) => [l.uri, l.range.start.line]),
      [[uri, 4]],
    );
    const cc = await session.request<Location[]>('textDocument/definition', at(13, 4));
    assert.deepEqual(
      cc.map((l) => [l.uri, l.range.start.line]),
      [[commonUri, 1]],
    );
  });

  it('goes from a prerequisite to its rule and from an include to the file', async () => {
    const app = await session.request<Location[]>('textDocument/definition', at(10, 6));
    assert.deepEqual(
      app.map((l) => [l.uri, l.range.start.line]),
      [[uri, 12]],
    );
    const include = await session.request<Location[]>('textDocument/definition', at(1, 12));
    assert.equal(include[0]?.uri, commonUri);
  });

  it('goes from a prerequisite with no rule to the file it names, never to a directory', async () => {
    // An unsaved document beside the fixture: `mk` is a directory there, `Makefile` a file.
    const scratchUri = fileUri(path.join(fixture, 'unsaved-prerequisites.mk'));
    await session.open(scratchUri, 'x: mk Makefile /\n');
    const request = (character: number) =>
      session.request<Location[]>('textDocument/definition', {
        textDocument: { uri: scratchUri },
        position: { line: 0, character },
      });
    assert.deepEqual(await request(3), [], 'the directory mk is not a definition');
    assert.deepEqual(await request(15), [], 'the root directory / is not a definition');
    const file = await request(7);
    assert.deepEqual(
      file.map((l) => l.uri),
      [uri],
    );
  });

  it('hovers a variable with its definition, flavor and stored value', async () => {
    const text = hoverText(await session.request<Hover>('textDocument/hover', at(12, 8)));
    assert.match(text, /OBJS/);
    assert.match(text, /:=/);
    assert.match(text, /simply expanded/);
    assert.match(text, /\$\(patsubst %\.c,%\.o,\$\(SRCS\)\)/);
    assert.match(text, /Makefile:5/);
  });

  it('documents automatic variables, functions and special targets', async () => {
    assert.match(
      hoverText(await session.request<Hover>('textDocument/hover', at(13, 21))),
      /target of the rule/,
    );
    assert.match(
      hoverText(await session.request<Hover>('textDocument/hover', at(4, 12))),
      /patsubst pattern,replacement,text/,
    );
    assert.match(hoverText(await session.request<Hover>('textDocument/hover', at(8, 2))), /not files/);
  });

  it('finds every reference of a variable', async () => {
    const refs = await session.request<Location[]>('textDocument/references', {
      ...at(6, 1),
      context: { includeDeclaration: true },
    });
    const lines = refs.map((l) => l.range.start.line).sort((a, b) => a - b);
    assert.deepEqual(lines, [6, 13, 16, 25]);
  });

  it('renames a variable everywhere it is used', async () => {
    const edit = await session.request<WorkspaceEdit>('textDocument/rename', {
      ...at(3, 1),
      newName: 'SOURCES',
    });
    const edits = edit.changes?.[uri] ?? [];
    assert.deepEqual(
      edits.map((e) => e.range.start.line).sort((a, b) => a - b),
      [3, 4],
    );
    assert.ok(edits.every((e) => e.newText === 'SOURCES'));
  });

  it('completes variables and functions after $(', async () => {
    await session.open(fileUri(path.join(fixture, 'scratch.mk')), 'X := $(', 1);
    const items = await session.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: fileUri(path.join(fixture, 'scratch.mk')) },
      position: { line: 0, character: 7 },
    });
    const labels = items.map((item) => item.label);
    assert.ok(labels.includes('patsubst'), 'functions are offered');
    assert.ok(labels.includes('X'), 'variables of the file are offered');
  });

  it('folds define blocks and recipes, and links includes', async () => {
    const folds = await session.request<FoldingRange[]>('textDocument/foldingRange', {
      textDocument: { uri },
    });
    assert.ok(
      folds.some((f) => f.startLine === 28 && f.endLine === 30),
      'define block folds',
    );
    assert.ok(
      folds.some((f) => f.startLine === 12 && f.endLine === 13),
      'rule with recipe folds',
    );
    const links = await session.request<DocumentLink[]>('textDocument/documentLink', {
      textDocument: { uri },
    });
    assert.equal(links[0]?.target, commonUri);
  });

  it('reports missing .PHONY, undefined variables and $(shell) in a recursive variable, with quick fixes', async () => {
    const published = await session.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const codes = published.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}`);
    assert.ok(codes.includes('MS101@18'), `clean lacks .PHONY: ${codes.join(' ')}`);
    assert.ok(codes.includes('MS104@23'), `NOT_DEFINED_ANYWHERE: ${codes.join(' ')}`);
    assert.ok(codes.includes('MS107@5'), `VERSION_STR: ${codes.join(' ')}`);
    assert.ok(!codes.some((c) => c.startsWith('MS104@13')), 'CC comes from the include');

    const phony = published.diagnostics.find((d) => d.code === 'MS101');
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: phony!.range,
      context: { diagnostics: [phony] },
    });
    const change = actions[0]?.edit?.changes?.[uri]?.[0];
    assert.equal(change?.newText, ' clean');
    assert.deepEqual(change?.range.start, { line: 8, character: 11 }, 'appended before the comment');
  });

  it('reports recipes indented with spaces and overriding recipes', async () => {
    const broken = fileUri(path.join(fixture, 'broken.mk'));
    await session.open(broken, 'a:\n\techo one\na:\n\techo two\nb:\n    echo spaces\n');
    const published = await session.waitForDiagnostics(broken, (p) => p.diagnostics.length >= 2);
    const codes = published.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}`);
    assert.ok(codes.includes('MS103@2'), codes.join(' '));
    assert.ok(codes.includes('MS114@5'), codes.join(' '));
  });

  it('finds workspace symbols across makefiles', async () => {
    const symbols = await session.request<SymbolInformation[]>('workspace/symbol', { query: 'PREFIX' });
    assert.ok(symbols.some((s) => s.name === 'PREFIX' && s.location.uri === commonUri));
  });
});
