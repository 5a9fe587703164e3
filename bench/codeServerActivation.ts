// Activation as VS Code itself reports it: code-server with the packaged .vsix, Running Extensions view.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromiumPath, installedVersion } from '../scripts/ensure-vscode.mjs';
import { buildAndPackage } from '../scripts/lib/vsix.mjs';
import { Session } from '../test/e2e/codeServer';
import { waitFor } from '../test/integration/waitFor';
import { cacheRoot } from './corpus';
import { errorText, notAvailable, type Figure } from './figures';
import { median } from './stats';

const SECTION = 'activation';
const KEY = 'activation.vscodeMs';
const LABEL = "activation in code-server: VS Code's own figure (code loading + activate call)";

/** Reads "Activation: 12ms" / "Startup Activation: 12ms" from Makescope's row in Running Extensions. */
async function oneSession(folder: string): Promise<{ ms: number; text: string; tooltip: string }> {
  const session = await Session.start({ folder });
  try {
    const { workbench } = session;
    await workbench.runCommand('Developer: Show Running Extensions');
    const row = workbench.page.locator('.runtime-extensions-editor .monaco-list-row', {
      hasText: 'Makescope',
    });
    const time = row.locator('.activation-time');
    const text = await waitFor(
      async () => {
        const shown = (await time.count()) > 0 ? ((await time.first().textContent()) ?? '') : '';
        return /(\d+)\s*ms/.test(shown) ? shown : undefined;
      },
      { what: "Makescope's activation time in Running Extensions", timeoutMs: 60_000 },
    );
    const tooltip = (await row.first().getAttribute('aria-label')) ?? '';
    return { ms: Number(/(\d+)\s*ms/.exec(text)?.[1]), text: text.trim(), tooltip };
  } finally {
    await session.close();
  }
}

export async function codeServerActivation(options: { quick: boolean }): Promise<Figure> {
  if (installedVersion() === undefined) {
    return notAvailable(
      KEY,
      SECTION,
      LABEL,
      'ms',
      'code-server not installed (node scripts/ensure-vscode.mjs)',
    );
  }
  if (!existsSync(chromiumPath))
    return notAvailable(KEY, SECTION, LABEL, 'ms', `no chromium at ${chromiumPath}`);
  try {
    buildAndPackage();
    const folder = path.join(cacheRoot, 'activation-folder');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'Makefile'), 'CFLAGS := -O2\n.PHONY: all\nall:\n\t@echo $(CFLAGS)\n');
    const samples: Array<{ ms: number; text: string }> = [];
    // Five sessions: one code-server start on 2 busy cores now and then reads 3-6x the usual figure.
    for (let i = 0; i < (options.quick ? 1 : 5); i++) samples.push(await oneSession(folder));
    return {
      key: KEY,
      section: SECTION,
      label: LABEL,
      value: median(samples.map((s) => s.ms)),
      unit: 'ms',
      peer: `${samples.map((s) => s.text).join('; ')} (median of ${samples.length} sessions, production .vsix)`,
      details: { samples },
    };
  } catch (error) {
    return notAvailable(KEY, SECTION, LABEL, 'ms', errorText(error));
  }
}
