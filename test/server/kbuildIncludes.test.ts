// Static features on kbuild-shaped makefiles (busybox): Kbuild.include is read through $(srctree),
// a simple variable set with $(if $(KBUILD_SRC),...) where KBUILD_SRC is set by nobody, so make
// reads $(CURDIR)/scripts/Kbuild.include and $(build) is defined there.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { LspSession, fileUri, repoRoot } from './lspSession';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'static-kbuild-include');
const makefile = path.join(fixture, 'Makefile');
const uri = fileUri(makefile);
const kbuildInclude = path.join(fixture, 'scripts', 'Kbuild.include');
// Line 10 (0-based 9): "\t$(Q)$(MAKE) $(build)=$@"; build starts at character 15.
const build = { textDocument: { uri }, position: { line: 9, character: 16 } };
// Line 6 (0-based 5): "include $(srctree)/scripts/Kbuild.include".
const includeWord = { textDocument: { uri }, position: { line: 5, character: 30 } };

describe('static features on a kbuild-shaped Makefile', () => {
  let session: LspSession;

  before(async () => {
    ({ session } = await LspSession.start(fixture));
    await session.open(uri, readFileSync(makefile, 'utf8'));
  });

  after(async () => {
    await session.shutdown();
  });

  it('resolves include $(srctree)/scripts/Kbuild.include to the file make reads', async () => {
    const hover = await session.request<Hover | null>('textDocument/hover', includeWord);
    assert.ok(hover, 'a hover is shown');
    assert.match((hover.contents as MarkupContent).value, new RegExp(`reads \`${kbuildInclude}\``));
  });

  it('goes from $(build) to its definition in scripts/Kbuild.include', async () => {
    const found = await session.request<Location[]>('textDocument/definition', build);
    assert.deepEqual(
      found.map((l) => [l.uri, l.range.start.line]),
      [[fileUri(kbuildInclude), 1]],
    );
  });
});
