// A hover in a fragment (a .mk file the top Makefile includes) shows make's value as the top Makefile
// gives it, never the value make gives the fragment read alone; before the workspace scan has found the
// includer it says so.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, LspSession, repoRoot } from './lspSession';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'hover-included-fragment');
/** mk/rules.mk line 4 (0-based 3): "\t$(CC) -c -o $@ hello.c"; CC starts at character 3. */
const ON_CC = { line: 3, character: 3 };
/** Empty folders beside the project: the scan reads every one before it reaches the project's Makefile. */
const FOLDERS_BEFORE_THE_PROJECT = 5000;

/** `$(origin CC) $(CC)` as make prints it after reading `makefile` in `directory`. */
function makeSays(directory: string, makefile: string): string {
  return execFileSync(
    'make',
    ['-s', '-f', makefile, '--eval', 'makescope-print: ; @echo $(origin CC) $(CC)', 'makescope-print'],
    { cwd: directory, encoding: 'utf8', env: { ...process.env, MAKEFLAGS: '' } },
  ).trim();
}

function hoverText(hover: Hover | null): string {
  return hover ? (hover.contents as MarkupContent).value : '';
}

describe('hover in an included fragment', () => {
  let root: string;
  let app: string;
  let fragment: string;
  let session: LspSession | undefined;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'makescope-fragment-'));
    app = path.join(root, 'project', 'app');
    await cp(path.join(fixture, 'app'), app, { recursive: true });
    fragment = path.join(app, 'mk', 'rules.mk');
  });

  afterEach(async () => {
    await session?.shutdown();
    session = undefined;
    await rm(root, { recursive: true, force: true });
  });

  it('make gives CC another value and origin through the top Makefile than in the fragment alone', () => {
    assert.equal(makeSays(app, 'Makefile'), 'file project-cc');
    assert.equal(makeSays(path.dirname(fragment), 'rules.mk'), 'default cc');
  });

  it("shows make's value from the including Makefile, never the fragment's own, while the scan runs", async () => {
    // The scan walks breadth first: the project's Makefile (two levels down) comes after every folder here.
    await Promise.all(
      Array.from({ length: FOLDERS_BEFORE_THE_PROJECT }, (_, i) => mkdir(path.join(root, `d${i}`))),
    );
    ({ session } = await LspSession.start(root));
    const uri = fileUri(fragment);
    await session.open(uri, await readFile(fragment, 'utf8'));
    const expected = makeSays(app, 'Makefile').split(' ');
    const answers: string[] = [];
    const deadline = Date.now() + 20_000;
    for (;;) {
      const text = hoverText(
        await session.request<Hover | null>('textDocument/hover', {
          textDocument: { uri },
          position: ON_CC,
        }),
      );
      answers.push(text);
      assert.doesNotMatch(text, /make resolved \(default/, `a value from make's defaults:\n${text}`);
      if (/make resolved/.test(text)) {
        assert.match(
          text,
          new RegExp(`make resolved \\(${expected[0]}, recursive\\):\n\`\`\`make\n${expected[1]}\n\`\`\``),
        );
        break;
      }
      assert.match(text, /the workspace scan has not yet found which makefile includes this file/);
      if (Date.now() > deadline) assert.fail(`no value from make within 20 s:\n${answers.join('\n---\n')}`);
    }
  });

  it('says the scan is still running instead of asking make about the fragment alone', async () => {
    let answerConfiguration = (): void => undefined;
    const held = new Promise<void>((resolve) => (answerConfiguration = resolve));
    // The server reads its settings before it scans: held, the scan cannot finish.
    ({ session } = await LspSession.start(root, { trusted: true }, [], held));
    const uri = fileUri(fragment);
    await session.open(uri, await readFile(fragment, 'utf8'));
    const hover = await session.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: ON_CC,
    });
    answerConfiguration();
    const text = hoverText(hover);
    assert.match(text, /make’s value: not asked yet — the workspace scan has not yet found/);
    assert.doesNotMatch(text, /make resolved/);
    assert.match(text, /\*\*`CC`\*\* variable/, 'the static facts are still shown');
  });
});
