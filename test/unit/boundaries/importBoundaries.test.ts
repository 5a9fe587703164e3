// The house's boundaries hold: a forbidden import fails lint (the real rule set, eslint.boundaries.mjs), and the
// product's run-time import graph has no cycle.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { boundaries } from '../../../eslint.boundaries.mjs';
import { cycles, importGraph } from './importGraph';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Lints `code` as if it were `file`, with only the boundary rules (no type information needed). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { '@typescript-eslint': tseslint.plugin },
      },
      ...boundaries,
    ],
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result.messages.map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('house boundaries', () => {
  const forbidden: Array<[file: string, code: string, why: RegExp]> = [
    [
      'client/src/features/x.ts',
      "import { parseMakefile } from '../../../engine/parser/parser';",
      /through the wire contract/,
    ],
    ['client/src/x.ts', "import { startServer } from '../../server/src/server';", /server internals/],
    ['cli/src/x.ts', "import { hover } from '../../server/src/features/hover';", /server internals/],
    ['engine/probes/x.ts', "import * as vscode from 'vscode';", /no VS Code API/],
    ['engine/x.ts', "import { createConnection } from 'vscode-languageserver/node';", /no LSP in the engine/],
    [
      'engine/x.ts',
      "import { activate } from '../client/src/extension';",
      /the client is the VS Code front end/,
    ],
    ['contract/x.ts', "import { parseMakefile } from '../engine/parser/parser';", /never run engine code/],
    ['server/src/x.ts', "import { runCli } from '../../cli/src/cli';", /the CLI is a front end/],
  ];
  for (const [file, code, why] of forbidden)
    it(`refuses in ${file}: ${code}`, async () => {
      const errors = await boundaryErrors(file, code);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], why);
    });

  it('allows what the contract is for: engine types in contract/, contract/ from the client and the CLI', async () => {
    assert.deepEqual(
      await boundaryErrors('contract/x.ts', "import type { Rule } from '../engine/parser/ast';"),
      [],
    );
    assert.deepEqual(
      await boundaryErrors('client/src/x.ts', "import { TraceRequest } from '../../contract/protocol';"),
      [],
    );
    assert.deepEqual(
      await boundaryErrors('cli/src/x.ts', "import { auditProbe } from '../../engine/audit/auditProbe';"),
      [],
    );
  });

  it('finds a cycle when there is one (the check has teeth)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    assert.deepEqual(
      cycles(graph).map((cycle) => [...cycle].sort()),
      [['a.ts', 'b.ts', 'c.ts']],
    );
  });

  it('the product imports without a cycle (engine, contract, server, client, cli)', () => {
    const graph = importGraph(
      ['engine', 'contract', 'server', 'client', 'cli'].map((part) => path.join(repoRoot, part)),
    );
    assert.ok(graph.size > 200, `only ${graph.size} files read`);
    const found = cycles(graph).map((cycle) =>
      cycle.map((file) => path.relative(repoRoot, file)).join(' -> '),
    );
    assert.deepEqual(found, []);
  });
});
