// A variable assigned through a computed name, as cmake writes `$(VERBOSE)MAKESILENT = -s` at the top of every
// Makefile it generates: defined for the lint, found by Go to Definition, and never half-renamed.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver-protocol';
import { LspSession, fileUri, repoRoot } from './lspSession';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'computed-name');
const makefile = path.join(fixture, 'Makefile');
const uri = fileUri(makefile);
const text = readFileSync(makefile, 'utf8');
const lines = text.split('\n');
/** Line 5 (0-based 4): `\t@echo flags=[$(MAKESILENT)] other=[$(NOT_DEFINED_ANYWHERE)]`. */
const RECIPE = 4;
const onMakesilent = {
  textDocument: { uri },
  position: { line: RECIPE, character: (lines[RECIPE] ?? '').indexOf('MAKESILENT') + 1 },
};

describe('a variable assigned through a computed name', () => {
  let session: LspSession;

  before(async () => {
    ({ session } = await LspSession.start(fixture));
    await session.open(uri, text);
  });

  after(async () => {
    await session.shutdown();
  });

  it('is defined as make defines it: no undefined-variable note on $(MAKESILENT), one on the name nothing defines', async () => {
    const made = execFileSync('make', ['-s', '-f', makefile, 'all'], {
      cwd: fixture,
      encoding: 'utf8',
      env: { ...process.env, MAKEFLAGS: '' },
    });
    assert.equal(made.trim(), 'flags=[-s] other=[]', 'make defines MAKESILENT (VERBOSE is not set)');
    const published = await session.waitForDiagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.code === 'MS104' && d.range.start.line === RECIPE),
    );
    const undefinedNames = published.diagnostics
      .filter((d) => d.code === 'MS104')
      .map((d) => /'([^']+)'/.exec(d.message)?.[1]);
    assert.deepEqual(undefinedNames.sort(), ['NOT_DEFINED_ANYWHERE', 'VERBOSE']);
  });

  it('goes from $(MAKESILENT) to the computed assignment', async () => {
    const found = await session.request<Location[]>('textDocument/definition', onMakesilent);
    assert.deepEqual(
      found.map((location) => [location.uri, location.range.start.line]),
      [[uri, 1]],
    );
  });

  it('refuses to rename it, saying why, rather than edit the references alone', async () => {
    await assert.rejects(
      session.request('textDocument/rename', { ...onMakesilent, newName: 'QUIET' }),
      /assigned through the computed name '\$\(VERBOSE\)MAKESILENT' \(line 2\)/,
    );
  });
});
