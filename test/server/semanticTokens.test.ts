// Semantic tokens over a real stdio session, decoded with the legend the server announces: what each
// piece of a makefile is coloured as, with the variable facts checked against make's own $(origin).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { fileUri, LspSession } from './lspSession';

// EXTRA_UNSET and DEBUG_UNSET are names no environment sets; HOME is one every environment sets.
const MAKEFILE = [
  'CC := gcc',
  'OBJS = main.o $(EXTRA_UNSET)',
  'ifdef DEBUG_UNSET',
  'override CFLAGS += -g',
  'endif',
  'app: $(OBJS)',
  '\t$(CC) -o $@ $(notdir $^) # in $(HOME)',
  '',
].join('\n');
const LINES = MAKEFILE.split('\n');

/** Each token as "line:column text type[modifiers]" (1-based line and column), the way a reader finds it. */
function decode(tokens: SemanticTokens, legend: SemanticTokensLegend, lines: readonly string[]): string[] {
  const shown: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, bits] = tokens.data.slice(i, i + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const modifiers = legend.tokenModifiers.filter((_, bit) => bits & (1 << bit));
    const text = lines[line].slice(character, character + length);
    shown.push(`${line + 1}:${character + 1} ${text} ${legend.tokenTypes[type]}[${modifiers.join(',')}]`);
  }
  return shown;
}

describe('semantic tokens', function () {
  this.timeout(60_000);
  let folder: string;
  let session: LspSession | undefined;
  let uri: string;
  let legend: SemanticTokensLegend;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'makescope-tokens-'));
    await writeFile(path.join(folder, 'Makefile'), MAKEFILE);
    uri = fileUri(path.join(folder, 'Makefile'));
    let result;
    ({ session, result } = await LspSession.start(folder));
    const provider = result.capabilities.semanticTokensProvider;
    assert.ok(provider, 'the server announces semantic tokens');
    legend = provider.legend;
    await session.open(uri, MAKEFILE);
  });
  afterEach(async () => {
    await session?.shutdown();
    session = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  const full = async (): Promise<string[]> =>
    decode(
      await session!.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } }),
      legend,
      LINES,
    );

  it('colours definitions, references, automatic variables, functions, targets, directives and recipe text', async () => {
    assert.deepEqual(await full(), [
      '1:1 CC variable[declaration]',
      '2:1 OBJS variable[declaration]',
      '2:17 EXTRA_UNSET variable[undefined]',
      '3:1 ifdef keyword[]',
      '3:7 DEBUG_UNSET variable[undefined]',
      '4:1 override keyword[]',
      '4:10 CFLAGS variable[declaration]',
      '5:1 endif keyword[]',
      '6:1 app class[declaration]',
      '6:8 OBJS variable[]',
      '7:4 CC variable[]',
      '7:7  -o  recipe[]',
      '7:12 @ variable[readonly,defaultLibrary,automatic]',
      '7:13   recipe[]',
      '7:16 notdir function[defaultLibrary]',
      '7:24 ^ variable[readonly,defaultLibrary,automatic]',
      '7:26  # in  recipe[]',
      '7:34 HOME variable[environment]',
    ]);
  });

  it("marks each reference as make's own $(origin) says: file, undefined, environment or automatic", async () => {
    const variables = (await full())
      .map((token) => /^\S+ (\S+) variable\[(.*)\]$/.exec(token))
      .filter((match) => match !== null)
      .map(([, name, modifiers]) => ({ name, modifiers: modifiers.split(',') }))
      .filter((variable) => !variable.modifiers.includes('declaration'));
    const names = [...new Set(variables.map((variable) => variable.name))];
    // Asked inside a recipe, so that $(origin @) is make's answer for an automatic variable too.
    const origins = execFileSync(
      'make',
      [`--eval=print-origins: ; @echo $(foreach n,${names.join(' ')},$(n)=$(origin $(n)))`, 'print-origins'],
      { cwd: folder, encoding: 'utf8' },
    )
      .trim()
      .split(' ');
    const expected = (modifiers: string[]): string =>
      modifiers.includes('undefined')
        ? 'undefined'
        : modifiers.includes('environment')
          ? 'environment'
          : modifiers.includes('automatic')
            ? 'automatic'
            : 'defined in the makefile';
    const madeOf = (origin: string): string =>
      origin === 'file' || origin === 'override' ? 'defined in the makefile' : origin;
    assert.deepEqual(
      names.map((name) => `${name}: ${expected(variables.find((v) => v.name === name)!.modifiers)}`),
      origins.map((pair) => {
        const [name, origin] = pair.split('=');
        return `${name}: ${madeOf(origin)}`;
      }),
    );
    assert.deepEqual(names, ['EXTRA_UNSET', 'DEBUG_UNSET', 'OBJS', 'CC', '@', '^', 'HOME']);
  });

  it('answers a range request with the tokens of those lines only', async () => {
    const range = { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } };
    const tokens = await session!.request<SemanticTokens>('textDocument/semanticTokens/range', {
      textDocument: { uri },
      range,
    });
    const inRange = (await full()).filter((token) => /^[67]:/.test(token));
    assert.deepEqual(decode(tokens, legend, LINES), inRange);
    assert.equal(inRange.length, 10);
  });

  it('follows an edit of the file, and a name another open makefile then defines', async () => {
    assert.ok((await full()).includes('2:17 EXTRA_UNSET variable[undefined]'));
    const edited = MAKEFILE.replace('EXTRA_UNSET', 'OTHER_UNSET');
    await session!.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: edited }],
    });
    const now = async (): Promise<string[]> =>
      decode(
        await session!.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } }),
        legend,
        edited.split('\n'),
      );
    assert.ok((await now()).includes('2:17 OTHER_UNSET variable[undefined]'));
    await session!.open(fileUri(path.join(folder, 'more.mk')), 'OTHER_UNSET := 1\n');
    assert.ok((await now()).includes('2:17 OTHER_UNSET variable[]'));
  });
});
