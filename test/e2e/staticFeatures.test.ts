// Issue 21 end to end: make's value as an inlay hint, a target's depth from make's database, `$^` evaluated in a
// hover, a recipe's shell syntax error underlined at its column, and semantic colouring, each checked against
// make (or the shell) itself.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { workspaceFrom, type Workspace } from '../probes/support/fixtureCopy';
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';
import { EditorRendering, type Box } from './editorRendering';
import { MakescopeViews } from './makescopeViews';

const FIXTURE = 'static-features-in-editor';

describe('Static features in the editor (issue 21)', function () {
  let workspace: Workspace;
  let session: Session;
  let editor: EditorRendering;

  /** Runs make in the workspace copy (read-only: -n, or an --eval'd rule that only echoes); returns stdout. */
  function make(args: string[]): string {
    const run = spawnSync('make', ['--no-print-directory', ...args], {
      cwd: workspace.directory,
      encoding: 'utf8',
      env: { ...process.env, MAKEFLAGS: '' },
      timeout: 30_000,
    });
    assert.equal(run.status, 0, `make ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
    return run.stdout;
  }

  /** What `$(EXPRESSION)` expands to once make has read the Makefile. */
  const expand = (expression: string): string =>
    make(['--eval', `makescope-print: ; @echo ${expression}`, 'makescope-print']).trim();

  const makefileLines = (): string[] =>
    readFileSync(path.join(workspace.directory, 'Makefile'), 'utf8').split('\n');

  before(async function () {
    workspace = await workspaceFrom(FIXTURE);
    session = await Session.start({ folder: workspace.directory });
    editor = new EditorRendering(session.workbench.page);
    // From the explorer rather than Quick Open: its file search found nothing in this copy within 15 s here.
    const { workbench } = session;
    await workbench.explorerRow('Makefile').click();
    await waitFor(async () => (await workbench.activeTabTitle()) === 'Makefile', {
      what: 'the Makefile open in the editor',
      timeoutMs: 60_000,
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`static-failed-${Date.now()}`);
  });

  after(async function () {
    await session?.close();
    await workspace?.dispose();
  });

  it('an inlay hint after `OBJS = …` shows the value make resolved', async function () {
    const objs = expand('$(OBJS)');
    assert.match(objs, /\.o\b/, `make's OBJS: ${objs}`);
    const expected = `OBJS = $(SRCS:.c=.o) = ${objs}`;
    let shown: string | undefined;
    await waitFor(async () => (shown = await editor.lineText('OBJS =')) === expected, {
      what: () => `the line of OBJS to read "${expected}" (shown: "${shown ?? 'no such line'}")`,
      timeoutMs: 90_000,
    });
    await session.workbench.screenshot('static-1-inlay-hint-resolved-value');
  });

  it("an inlay hint after `app` shows its depth from make's database: app → an object → its source", async function () {
    // `$(OBJS)` is only make's to expand, and only make applies `src/%.o: src/%.c`: the text alone gives no depth.
    // make -n -B app builds each object from its source, then app from the objects: two edges down.
    const object = expand('$(firstword $(OBJS))');
    const source = object.replace(/\.o$/, '.c');
    const recipes = make(['-n', '-B', 'app']);
    assert.ok(recipes.includes(`-c ${source} -o ${object}`), `make -n -B app:\n${recipes}`);
    const expected = 'app depth 2: $(OBJS)';
    let shown: string | undefined;
    await waitFor(async () => (shown = await editor.lineText('app')) === expected, {
      what: () => `the line of app to read "${expected}" (shown: "${shown ?? 'no such line'}")`,
      timeoutMs: 90_000,
    });
    // Pointing at the hint resolves its tooltip: the chain, from make's database.
    const tooltip = await new MakescopeViews(session.workbench.page).hoverUntil(
      ': $(OBJS)',
      /^\s*depth\s2\s*$/,
      // The hover draws the blanks as no-break spaces.
      new RegExp(['app', object, source].map(escape).join('\\s*→\\s*')),
      90_000,
    );
    await session.workbench.screenshot('static-1b-inlay-hint-target-depth');
    assert.match(tooltip, /from\smake's\sdatabase/);
  });

  it("a hover on `$^` in app's recipe shows the prerequisites make uses for app", async function () {
    // `make -n -B app` prints app's recipe with $@ and $^ expanded: "cc -O2 -o app src/main.o src/util.o".
    const recipe = make(['-n', '-B', 'app'])
      .split('\n')
      .find((line) => / -o app /.test(line));
    const prerequisites = /-o app (.+)$/.exec(recipe ?? '')?.[1];
    assert.ok(prerequisites, `app's recipe in make -n -B: ${recipe}`);
    await session.workbench.page.keyboard.press('Escape');
    const text = await new MakescopeViews(session.workbench.page).hoverUntil(
      '$(CC) $(CFLAGS) -o $@',
      '^',
      new RegExp(`make's value for app: ${escape(prerequisites)}`),
      90_000,
    );
    await session.workbench.screenshot('static-2-hover-automatic-variable');
    assert.match(text, /\$\^/, `the hover names the variable: ${text}`);
  });

  it('a shell syntax error in a recipe: MS201 in Problems at the line and column sh -n names, squiggled there', async function () {
    const { workbench } = session;
    // What make hands to the shell for `install` (one command over two lines), checked by the shell itself.
    const script = make(['-n', 'install']);
    const check = spawnSync('sh', ['-n', '-c', script], { encoding: 'utf8', timeout: 10_000 });
    const [, scriptLine, token] = /(\d+): Syntax error: "([^"]+)" unexpected/.exec(check.stderr) ?? [];
    assert.ok(scriptLine && token, `sh -n on install's recipe: ${check.stderr}`);
    // The recipe starts on the line after `install:`; line N of the script is line N of the recipe.
    const lines = makefileLines();
    const line = lines.indexOf('install:') + 1 + Number(scriptLine);
    const column = lines[line - 1].indexOf(token) + 1;
    assert.ok(column > 0, `"${token}" on Makefile line ${line}: ${lines[line - 1]}`);

    await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const rows = workbench.page.locator('.markers-panel .monaco-list-row');
    let shown: string[] = [];
    const problem = await waitFor(
      async () => {
        shown = (await rows.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
        return shown.find((text) => text.includes('MS201'));
      },
      { what: () => `MS201 in the Problems panel (rows: ${shown.join(' | ') || 'none'})`, timeoutMs: 90_000 },
    );
    assert.match(problem, new RegExp(`"${escape(token)}" unexpected`));
    assert.match(problem, new RegExp(`\\[Ln ${line}, Col ${column}\\]`), `row: ${problem}`);

    // The squiggle: drawn on the rendered line of the error, starting under the token and as wide as it.
    const lineStart = lines[line - 1].trim().slice(0, 12);
    // Both read again on each try: Monaco re-renders lines as the panel opens (a line being laid out measures 0).
    let word: Box | undefined;
    let squiggles: Box[] = [];
    const squiggle = await waitFor(
      async () => {
        word = await editor.textBox(lineStart, token);
        squiggles = await editor.errorSquiggles();
        const drawn = word && word.width > 0 ? word : undefined;
        return (
          drawn &&
          squiggles.find((box) => box.top < drawn.top + drawn.height && box.top + box.height > drawn.top)
        );
      },
      {
        what: () =>
          `an error squiggle on the line of "${token}" at ${JSON.stringify(word)} (squiggles: ${JSON.stringify(squiggles)})`,
      },
    );
    assert.ok(word);
    await workbench.screenshot('static-3-recipe-shell-error');
    assert.ok(
      Math.abs(squiggle.left - word.left) <= 2,
      `squiggle ${JSON.stringify(squiggle)} vs word ${JSON.stringify(word)}`,
    );
    assert.ok(
      Math.abs(squiggle.width - word.width) <= 2,
      `squiggle ${JSON.stringify(squiggle)} vs word ${JSON.stringify(word)}`,
    );
  });

  it('semantic colouring: an undefined variable is coloured apart from a defined one, and only by semantic tokens', async function () {
    const { workbench } = session;
    // What make says of the two variables of the `report` recipe.
    assert.equal(expand('$(origin CFLAGS)'), 'file');
    assert.equal(expand('$(origin EXTRA_FLAGS)'), 'undefined');
    await workbench.runCommand('View: Toggle Panel Visibility');
    const colours = async (): Promise<[string | undefined, string | undefined]> => [
      await editor.tokenColour('@echo', 'CFLAGS'),
      await editor.tokenColour('@echo', 'EXTRA_FLAGS'),
    ];
    let seen: [string | undefined, string | undefined] = [undefined, undefined];
    await waitFor(
      async () => {
        seen = await colours();
        return seen[0] && seen[1] && seen[0] !== seen[1];
      },
      {
        what: () => `CFLAGS and EXTRA_FLAGS coloured apart (colours: ${seen.join(', ')})`,
        timeoutMs: 60_000,
      },
    );
    await workbench.screenshot('static-4a-semantic-colours');

    // With semantic highlighting off only the TextMate grammar colours: it cannot tell the two apart.
    const settingsFile = path.join(workspace.directory, '.vscode', 'settings.json');
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      settingsFile,
      JSON.stringify({ ...settings, 'editor.semanticHighlighting.enabled': false }, null, 2),
    );
    const [defined, undefinedColour] = seen;
    await waitFor(
      async () => {
        seen = await colours();
        return seen[0] && seen[0] === seen[1];
      },
      {
        what: () =>
          `CFLAGS and EXTRA_FLAGS in one colour with semantic highlighting off (colours: ${seen.join(', ')})`,
      },
    );
    await workbench.screenshot('static-4b-semantic-highlighting-off');
    assert.equal(seen[0], defined, 'the defined variable keeps its colour without semantic tokens');
    assert.notEqual(seen[1], undefinedColour);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
