// The extension's bundle reads VS Code's API once: esbuild would otherwise copy every member of it for each client
// file that imports it (`__toESM(require("vscode"))` per file), which cost code-server 77 ms of activation over an
// empty extension where one copy costs 34 ms (bench, 2026-12-07).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const bundle = path.resolve(__dirname, '..', '..', '..', 'dist', 'extension.js');

describe('extension bundle (dist/extension.js)', () => {
  it('requires the vscode module in one place, however many client files import it', () => {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);
    const text = readFileSync(bundle, 'utf8');
    const requires = text.match(/require\(["']vscode["']\)/g) ?? [];
    assert.equal(requires.length, 1, `require("vscode") appears ${requires.length} times`);
  });
});
