// MS201/MS202 over stdio: a recipe's shell syntax error (as `sh -n` itself reports it) and a shellcheck finding
// become diagnostics in a trusted workspace with the setting on; neither when the setting is off or untrusted.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { requireShellcheck } from '../shared/requireShellcheck';
import { LspSession, fileUri } from './lspSession';

const BROKEN_LINE = '\t@for f in a b; do echo "$$f"; done )';
const MAKEFILE = ['.PHONY: all', 'all:', BROKEN_LINE, '\t@ls `pwd`', ''].join('\n');

/** What `sh -n` says about the broken recipe line (make hands the shell the line without tab and `@`, `$$` as `$`). */
function shellSays(): string {
  const run = spawnSync('/bin/sh', ['-n', '-c', BROKEN_LINE.slice(2).replace('$$', '$')], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  assert.notEqual(run.status, 0, 'sh -n rejects the recipe');
  return run.stderr.replace(/^.*?\d+: /, '').trim();
}

const shellCodes = (diagnostics: Diagnostic[]): Diagnostic[] =>
  diagnostics.filter((d) => d.code === 'MS201' || d.code === 'MS202');

describe('recipe shell checks over stdio (MS201, MS202)', () => {
  let folder: string;
  let uri: string;
  let session: LspSession | undefined;

  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'makescope-recipe-shell-'));
    await writeFile(path.join(folder, 'Makefile'), MAKEFILE);
    uri = fileUri(path.join(folder, 'Makefile'));
  });

  afterEach(async () => {
    await session?.shutdown();
    session = undefined;
  });

  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function start(trusted: boolean, settings: Record<string, unknown>): Promise<LspSession> {
    ({ session } = await LspSession.start(folder, { trusted }));
    session.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => settings),
    );
    await session.open(uri, MAKEFILE);
    return session;
  }

  it("underlines sh -n's syntax error at its column and shellcheck's finding", async () => {
    requireShellcheck();
    const lsp = await start(true, {});
    const published = await lsp.waitForDiagnostics(uri, (p) => shellCodes(p.diagnostics).length >= 2, 30_000);
    const syntax = published.diagnostics.find((d) => d.code === 'MS201');
    assert.ok(syntax, JSON.stringify(published.diagnostics));
    assert.equal(syntax.message, `sh -n: ${shellSays()}`);
    // The `)` sh names (shells give no column: the token is looked up on the line).
    assert.deepEqual(syntax.range.start, { line: 2, character: BROKEN_LINE.lastIndexOf(')') });
    assert.equal(syntax.severity, 1, 'an error');
    const shellcheck = published.diagnostics.filter((d) => d.code === 'MS202');
    assert.deepEqual(
      shellcheck.map((d) => [d.range.start.line, d.range.start.character, d.message.slice(0, 6)]).sort(),
      [
        [3, 5, 'SC2006'],
        [3, 5, 'SC2046'],
      ],
    );
    assert.ok(
      published.diagnostics.every((d) => d.code !== 'MS202' || d.range.start.line !== 2),
      'the line sh rejects is not handed to shellcheck',
    );
  });

  it('runs neither check when makescope.lint.recipeShellCheck is false, and both once it is true', async () => {
    const settings: Record<string, unknown> = { lint: { recipeShellCheck: false } };
    const lsp = await start(true, settings);
    await lsp.waitForLog(
      /recipe shell check \(MS201\/MS202\) off for Makefile: makescope\.lint\.recipeShellCheck is false/,
      30_000,
    );
    // Logged after the static diagnostics were sent: they have arrived, without MS201/MS202.
    assert.ok(lsp.diagnostics.has(uri), 'the static diagnostics were published');
    assert.deepEqual(shellCodes(lsp.diagnostics.get(uri)?.diagnostics ?? []), []);
    settings.lint = { recipeShellCheck: true };
    await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await lsp.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'MS201'), 30_000);
  });

  it('runs neither check in an untrusted workspace (Restricted Mode)', async () => {
    const lsp = await start(false, {});
    await lsp.waitForLog(
      /recipe shell check \(MS201\/MS202\) off for Makefile: the workspace is not trusted/,
      30_000,
    );
    // Logged after the static diagnostics were sent: they have arrived, without MS201/MS202.
    assert.ok(lsp.diagnostics.has(uri), 'the static diagnostics were published');
    assert.deepEqual(shellCodes(lsp.diagnostics.get(uri)?.diagnostics ?? []), []);
  });
});
