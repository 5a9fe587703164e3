// The shared settings schema agrees with what VS Code shows the user (package.json's contributes.configuration):
// every makescope.* setting has a typed value, the same default, the same bounds, and bad values fall back.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_SETTINGS,
  NUMBER_BOUNDS,
  SETTINGS_SECTION,
  validateSettings,
} from '../../../contract/settings';

interface Property {
  type: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
  enum?: string[];
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> } };
};
const declared = Object.entries(manifest.contributes.configuration.properties)
  .map(([key, property]) => [key.slice(SETTINGS_SECTION.length + 1), property] as const)
  .filter(([key]) => key !== 'trace.server');

/** The defaults under package.json's dotted keys: a group (`inlayHints`) is one object in the schema. */
function flatDefaults(): Map<string, unknown> {
  const declaredKeys = new Set(declared.map(([key]) => key));
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    if (declaredKeys.has(key) || !value || typeof value !== 'object' || Array.isArray(value))
      flat.set(key, value);
    else for (const [inner, innerValue] of Object.entries(value)) flat.set(`${key}.${inner}`, innerValue);
  }
  return flat;
}

describe('settings schema (contract/settings.ts)', () => {
  it('has every makescope.* setting of package.json, with its default, and nothing else', () => {
    const defaults = flatDefaults();
    assert.deepEqual([...defaults.keys()].sort(), declared.map(([key]) => key).sort());
    for (const [key, property] of declared) assert.deepEqual(defaults.get(key), property.default, key);
  });

  it('reads the inlay hint switches as VS Code nests them, keeping the default for a bad value', () => {
    const settings = validateSettings({ inlayHints: { values: false, automaticVariables: 'no' } });
    assert.deepEqual(settings.inlayHints, { values: false, automaticVariables: true, targetDepth: false });
    assert.equal(validateSettings({ 'inlayHints.targetDepth': true }).inlayHints.targetDepth, true);
    assert.deepEqual(validateSettings({ inlayHints: 3 }).inlayHints, DEFAULT_SETTINGS.inlayHints);
  });

  it('reads the lint group nested (a configuration pull) or flat (keys read one by one) alike', () => {
    const nested = validateSettings({
      lint: { rules: { MS105: 'off', MS101: 'loud' }, recipeShellCheck: false },
    });
    const flat = validateSettings({
      'lint.rules': { MS105: 'off', MS101: 'loud' },
      'lint.recipeShellCheck': false,
    });
    assert.deepEqual(nested.lint, { rules: { MS105: 'off' }, recipeShellCheck: false });
    assert.deepEqual(flat.lint, nested.lint);
  });

  it('clamps numbers to the bounds package.json declares', () => {
    for (const [key, property] of declared) {
      if (property.type !== 'number') continue;
      const bounds = NUMBER_BOUNDS[key as keyof typeof NUMBER_BOUNDS];
      assert.ok(bounds, `${key} has bounds`);
      if (property.minimum !== undefined) assert.equal(bounds.min, property.minimum, `${key} minimum`);
      if (property.maximum !== undefined) assert.equal(bounds.max, property.maximum, `${key} maximum`);
      assert.equal(validateSettings({ [key]: -1e9 })[key as keyof typeof NUMBER_BOUNDS], bounds.min, key);
    }
  });

  it('accepts exactly the sandbox values package.json offers', () => {
    const offered = declared.find(([key]) => key === 'sandbox')?.[1].enum ?? [];
    for (const value of offered) assert.equal(validateSettings({ sandbox: value }).sandbox, value);
    assert.equal(validateSettings({ sandbox: 'sometimes' }).sandbox, 'auto');
  });

  it('keeps well-typed values and drops the rest the same way for client and server', () => {
    const settings = validateSettings({
      makePath: '  ',
      extraArgs: ['-I', 3, 'include'],
      jobs: 3.6,
      environment: { CC: 'clang', 'NOT A NAME': 'x', N: 5 },
      codeLens: 'no',
      makefile: ' src/Makefile ',
    });
    assert.equal(settings.makePath, 'make');
    assert.deepEqual(settings.extraArgs, ['-I', 'include']);
    assert.equal(settings.jobs, 4);
    assert.deepEqual(settings.environment, { CC: 'clang' });
    assert.equal(settings.codeLens, true);
    assert.equal(settings.makefile, 'src/Makefile');
    assert.deepEqual(validateSettings(undefined), DEFAULT_SETTINGS);
  });
});
