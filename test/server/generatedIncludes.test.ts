// Static features on cmake's generated build.make: its include is relative to the build folder make
// runs in (an ancestor), so only the flags.make it includes defines C_FLAGS, not every target's.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { LspSession, fileUri, repoRoot } from './lspSession';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'static-cmake-build-make');
const targetDir = path.join(fixture, '_build', 'CMakeFiles', 'a.dir');
const buildMake = path.join(targetDir, 'build.make');
const uri = fileUri(buildMake);
const flagsUri = fileUri(path.join(targetDir, 'flags.make'));
// Line 7 (0-based 6): "\tcc $(C_DEFINES) $(C_INCLUDES) $(C_FLAGS) ..."; C_FLAGS starts at character 35.
const cFlags = { textDocument: { uri }, position: { line: 6, character: 36 } };

describe("static features on cmake's build.make", () => {
  let session: LspSession;

  before(async () => {
    ({ session } = await LspSession.start(fixture));
    await session.open(uri, readFileSync(buildMake, 'utf8'));
  });

  after(async () => {
    await session.shutdown();
  });

  it('goes from $(C_FLAGS) to the flags.make this build.make includes, not to other targets', async () => {
    const found = await session.request<Location[]>('textDocument/definition', cFlags);
    assert.deepEqual(
      found.map((l) => [l.uri, l.range.start.line]),
      [[flagsUri, 3]],
    );
  });

  it('hovers $(C_FLAGS) with the value from that flags.make only', async () => {
    const hover = await session.request<Hover | null>('textDocument/hover', cFlags);
    assert.ok(hover, 'a hover is shown');
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /-DFLAGS_OF_a/);
    assert.doesNotMatch(text, /-DFLAGS_OF_b/);
  });
});
