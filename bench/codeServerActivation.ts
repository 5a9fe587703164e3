// Activation as VS Code itself reports it: code-server with the packaged .vsix, Running Extensions view.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromiumPath, installedVersion } from '../scripts/ensure-vscode.mjs';
import { buildAndPackage } from '../scripts/lib/vsix.mjs';
import { Session } from '../test/e2e/codeServer';
import { waitFor } from '../test/integration/waitFor';
import { cacheRoot } from './corpus';
import { EMPTY_EXTENSION_NAME, emptyExtensionVsix } from './emptyExtension';
import { errorText, notAvailable, type Figure } from './figures';
import { median } from './stats';

const SECTION = 'activation';
const KEY = 'activation.vscodeMs';
const LABEL = "activation in code-server: VS Code's own figure (code loading + activate call)";

interface Activation {
  ms: number;
  text: string;
}

/** Reads "Activation: 12ms" / "Startup Activation: 12ms" from one extension's row in Running Extensions. */
async function activationOf(workbench: Session['workbench'], name: string): Promise<Activation> {
  const rows = workbench.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: name });
  const text = await waitFor(
    async () => {
      const count = await rows.count();
      for (let i = 0; i < count; i++) {
        // Makescope's name is part of the peer's: take the row whose own name is exactly this one.
        const row = rows.nth(i);
        const label = (await row.locator('.name').first().textContent())?.trim();
        if (label !== name) continue;
        const time = row.locator('.activation-time');
        const shown = (await time.count()) > 0 ? ((await time.first().textContent()) ?? '') : '';
        if (/(\d+)\s*ms/.test(shown)) return shown;
      }
      return undefined;
    },
    { what: `${name}'s activation time in Running Extensions`, timeoutMs: 60_000 },
  );
  return { ms: Number(/(\d+)\s*ms/.exec(text)?.[1]), text: text.trim() };
}

/** One code-server session with Makescope and the empty peer installed: both activation times. */
async function oneSession(folder: string, peerVsix: string): Promise<{ ours: Activation; peer: Activation }> {
  const session = await Session.start({ folder, alsoInstall: [peerVsix] });
  try {
    await session.workbench.runCommand('Developer: Show Running Extensions');
    const ours = await activationOf(session.workbench, 'Makescope');
    const peer = await activationOf(session.workbench, EMPTY_EXTENSION_NAME);
    return { ours, peer };
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
    const peerVsix = emptyExtensionVsix();
    const samples: Array<{ ours: Activation; peer: Activation }> = [];
    // Five sessions: one code-server start on 2 busy cores now and then reads 3-6x the usual figure.
    for (let i = 0; i < (options.quick ? 1 : 5); i++) samples.push(await oneSession(folder, peerVsix));
    const ours = median(samples.map((s) => s.ours.ms));
    const peer = median(samples.map((s) => s.peer.ms));
    const over = median(samples.map((s) => s.ours.ms - s.peer.ms));
    return {
      key: KEY,
      section: SECTION,
      label: LABEL,
      value: ours,
      unit: 'ms',
      peer: `an empty extension activated by the same event in the same sessions: ${peer} ms; ours over it ${over} ms (median of ${samples.length} sessions, production .vsix; ours: ${samples.map((s) => s.ours.text).join('; ')})`,
      ratios: { overEmptyExtensionMs: over },
      details: { samples },
    };
  } catch (error) {
    return notAvailable(KEY, SECTION, LABEL, 'ms', errorText(error));
  }
}
