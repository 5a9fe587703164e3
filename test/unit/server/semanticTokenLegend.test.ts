// Every token type and modifier the server's legend sends is one VS Code knows: a standard LSP name, or one
// package.json declares (with a scope, so that colour themes written for TextMate colour it too).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver-protocol';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../../../server/src/features/semanticTokenLegend';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: {
    semanticTokenTypes?: Array<{ id: string; superType?: string; description: string }>;
    semanticTokenModifiers?: Array<{ id: string; description: string }>;
    semanticTokenScopes?: Array<{ language: string; scopes: Record<string, string[]> }>;
  };
};

const STANDARD_TYPES = new Set<string>(Object.values(SemanticTokenTypes));
const STANDARD_MODIFIERS = new Set<string>(Object.values(SemanticTokenModifiers));
const declaredTypes = manifest.contributes.semanticTokenTypes ?? [];
const declaredModifiers = manifest.contributes.semanticTokenModifiers ?? [];
const scopes =
  manifest.contributes.semanticTokenScopes?.find((entry) => entry.language === 'makefile')?.scopes ?? {};

describe('semantic token legend against package.json', () => {
  it('sends only standard token types or ones package.json declares, each with a scope', () => {
    const unknown = TOKEN_TYPES.filter(
      (type) => !STANDARD_TYPES.has(type) && !declaredTypes.some((declared) => declared.id === type),
    );
    assert.deepEqual(unknown, [], 'token types VS Code would not know');
    const custom = TOKEN_TYPES.filter((type) => !STANDARD_TYPES.has(type));
    assert.deepEqual(
      custom.filter((type) => !scopes[type]?.length),
      [],
      'custom token types no theme would colour',
    );
    for (const declared of declaredTypes)
      assert.ok(!declared.superType || STANDARD_TYPES.has(declared.superType), `${declared.id}'s superType`);
  });

  it('sends only standard modifiers or ones package.json declares, each with a scope', () => {
    const unknown = TOKEN_MODIFIERS.filter(
      (modifier) =>
        !STANDARD_MODIFIERS.has(modifier) && !declaredModifiers.some((declared) => declared.id === modifier),
    );
    assert.deepEqual(unknown, [], 'token modifiers VS Code would not know');
    const custom = TOKEN_MODIFIERS.filter((modifier) => !STANDARD_MODIFIERS.has(modifier));
    assert.deepEqual(
      custom.filter(
        (modifier) => !Object.keys(scopes).some((selector) => selector.split('.').includes(modifier)),
      ),
      [],
      'custom modifiers no theme would colour',
    );
  });

  it('declares nothing the legend does not send', () => {
    assert.deepEqual(
      [...declaredTypes.map((t) => t.id), ...declaredModifiers.map((m) => m.id)].filter(
        (id) =>
          !(TOKEN_TYPES as readonly string[]).includes(id) &&
          !(TOKEN_MODIFIERS as readonly string[]).includes(id),
      ),
      [],
    );
  });
});
