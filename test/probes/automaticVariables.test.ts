// The hover over $@ $< $^ $+ $? $* $| $(@D) $(@F) in a recipe shows what make itself gives them for each
// target the rule builds: checked against `make -n -B`, whose recipes print them, with both makes.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, LspSession, repoRoot } from '../server/lspSession';
import { MAKES, requireMake } from './support/makes';

const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'automatic-variables');
const NAMES = ['@', '<', '^', '+', '?', '*', '|', '@D', '@F'];
/** Each fixture recipe prints `[TARGET];;@=…;;<=…` … for the target it builds. */
const MARK = '[$@]';

type Values = Map<string, Map<string, string>>;

/** What make gives each automatic variable, target by target, from the recipes `make -n -B` prints. */
function valuesFromMake(make: string, directory: string): Values {
  const output = execFileSync(make, ['-n', '-B'], { cwd: directory, encoding: 'utf8', timeout: 60_000 });
  const values: Values = new Map();
  for (const line of output.split('\n')) {
    const match = /^echo "\[(.*?)\];;(.*)"$/.exec(line);
    if (!match) continue;
    const parts = match[2].split(';;').map((part): [string, string] => {
      const equals = part.indexOf('=', 1);
      return [part.slice(0, equals), part.slice(equals + 1)];
    });
    values.set(match[1], new Map(parts));
  }
  return values;
}

/** The target → value pairs a hover shows ("`app`: `main.o util.o`" or "`x`: (empty)"). */
function pairsIn(hover: Hover | null): Array<[string, string]> {
  const text = (hover?.contents as MarkupContent | undefined)?.value ?? '';
  const section = text.slice(text.indexOf("make's value"));
  return [...section.matchAll(/`([^`]+)`: (?:`([^`]*)`|\(empty\))/g)].map((m) => [m[1], m[2] ?? '']);
}

describe('automatic variables in the hover, against make -n -B', function () {
  this.timeout(180_000);
  for (const make of MAKES) {
    describe(`GNU make ${make.version}`, () => {
      let folder: string;
      let session: LspSession | undefined;
      beforeEach(async () => {
        requireMake(make);
        folder = await mkdtemp(path.join(tmpdir(), 'makescope-automatic-'));
        await cp(FIXTURE, folder, { recursive: true });
      });
      afterEach(async () => {
        await session?.shutdown();
        session = undefined;
        await rm(folder, { recursive: true, force: true });
      });

      it('gives every target of every rule the values make gives it', async () => {
        const expected = valuesFromMake(make.path, folder);
        assert.ok(expected.size >= 7, `make printed ${expected.size} recipes`);
        ({ session } = await LspSession.start(folder));
        const lsp = session;
        lsp.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
          params.items.map(() => ({ makePath: make.path })),
        );
        const makefile = path.join(folder, 'Makefile');
        const text = await readFile(makefile, 'utf8');
        const uri = fileUri(makefile);
        await lsp.open(uri, text);

        const hovered: Values = new Map();
        const lines = text.split('\n');
        for (let line = 0; line < lines.length; line++) {
          if (!lines[line].includes(MARK)) continue;
          for (const name of NAMES) {
            const written = name.length > 1 ? `$(${name})` : `$${name}`;
            const character = lines[line].indexOf(`;;${name}=${written}`) + `;;${name}=`.length + 1;
            const hoverAt = async (): Promise<Array<[string, string]>> =>
              pairsIn(
                await lsp.request<Hover | null>('textDocument/hover', {
                  textDocument: { uri },
                  position: { line, character },
                }),
              );
            // make's database is read once in the background; a hover answers with it as soon as it is there.
            let pairs = await hoverAt();
            const deadline = Date.now() + 90_000;
            while (pairs.length === 0 && Date.now() < deadline) pairs = await hoverAt();
            assert.ok(pairs.length > 0, `no value in the hover over ${written} on line ${line + 1}`);
            for (const [target, value] of pairs) {
              if (!hovered.has(target)) hovered.set(target, new Map());
              hovered.get(target)?.set(name, value);
            }
          }
        }
        expected.delete('build');
        assert.deepEqual(hovered, expected);
      });
    });
  }
});
