// Inlay hints over a real stdio session: values after assignments (make's own, or a `:=` expanded from the
// file alone before make is asked) and automatic variables in recipes, checked against make itself.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { InlayHint } from 'vscode-languageserver-protocol';
import { fileUri, LspSession } from './lspSession';

const MAKEFILE = [
  'BASE := /opt',
  'PREFIX := $(BASE)/usr',
  'CFLAGS = -O2',
  'CFLAGS += -g',
  'app: main.c util.c | out',
  '\techo $^ -o $@',
  'out: ; mkdir -p out',
  '',
].join('\n');

/** Hints as "line: label" (1-based lines), the way a reader sees them beside the text. */
const shown = (hints: InlayHint[]): string[] =>
  hints.map((hint) => `${hint.position.line + 1}: ${typeof hint.label === 'string' ? hint.label : ''}`);

describe('inlay hints', function () {
  this.timeout(60_000);
  let folder: string;
  let session: LspSession | undefined;
  let uri: string;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'makescope-hints-'));
    await writeFile(path.join(folder, 'Makefile'), MAKEFILE);
    await writeFile(path.join(folder, 'main.c'), '');
    await writeFile(path.join(folder, 'util.c'), '');
    uri = fileUri(path.join(folder, 'Makefile'));
  });
  afterEach(async () => {
    await session?.shutdown();
    session = undefined;
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

  const request = (lsp: LspSession): Promise<InlayHint[]> =>
    lsp.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
    });

  it('without make (Restricted Mode), shows a := value expanded from the file alone', async () => {
    const lsp = await start(false, {});
    assert.deepEqual(shown(await request(lsp)), ['2: = /opt/usr']);
  });

  it("once make has answered, shows make's values and the rule's automatic variables", async () => {
    const lsp = await start(true, {});
    const cflags = execFileSync('make', ['--eval=print-it: ; @echo $(CFLAGS)', 'print-it'], {
      cwd: folder,
      encoding: 'utf8',
    }).trim();
    // `make -n` prints the recipe with $^ and $@ expanded: "echo main.c util.c -o app".
    const recipe = execFileSync('make', ['-n', 'app'], { cwd: folder, encoding: 'utf8' })
      .split('\n')
      .find((line) => line.startsWith('echo '));
    const [, prerequisites, target] = /^echo (.*) -o (.*)$/.exec(recipe ?? '') ?? [];
    const expected = [
      '2: = /opt/usr',
      `3: = ${cflags}`,
      `4: = ${cflags}`,
      `6: = ${prerequisites}`,
      `6: = ${target}`,
    ];
    // make is asked in the background; the hints are asked again until its answer is in them.
    const deadline = Date.now() + 30_000;
    let hints = shown(await request(lsp));
    while (hints.length < expected.length && Date.now() < deadline) hints = shown(await request(lsp));
    assert.deepEqual(hints, expected);
    assert.equal(cflags, '-O2 -g');
  });

  it('shows nothing when both settings are off', async () => {
    const lsp = await start(true, { inlayHints: { values: false, automaticVariables: false } });
    assert.deepEqual(await request(lsp), []);
  });

  it("follows an edit: the next answer is the new text's", async () => {
    const lsp = await start(false, {});
    assert.deepEqual(shown(await request(lsp)), ['2: = /opt/usr']);
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 0, character: 9 }, end: { line: 0, character: 12 } }, text: 'srv' },
      ],
    });
    assert.deepEqual(shown(await request(lsp)), ['2: = /srv/usr']);
  });
});
