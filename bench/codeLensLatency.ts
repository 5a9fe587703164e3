// Measures how long CodeLenses take to appear in a real VS Code (code-server): from opening examples/Makefile in a
// fresh window (cold: the extension activates and the server starts), and on reopening it (warm).
// Run: npx tsx bench/codeLensLatency.ts. Prints the times and the language client's trace of the codeLens requests
// (when VS Code sent each one after didOpen, and how long the server took).
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ensureVsCode } from '../scripts/ensure-vscode.mjs';
import { buildAndPackage } from '../scripts/lib/vsix.mjs';
import { Session } from '../test/e2e/codeServer';

async function until(check: () => Promise<boolean>, limitMs = 60_000): Promise<number> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > limitMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - start;
}

async function main(): Promise<void> {
  ensureVsCode();
  buildAndPackage(() => undefined);
  const session = await Session.start({ settings: { 'makescope.trace.server': 'messages' } });
  try {
    const { workbench } = session;
    const page = workbench.page;
    const lenses = page.locator('.codelens-decoration a');
    const t0 = performance.now();
    await workbench.openFile('Makefile');
    const opened = performance.now() - t0;
    const status = page.locator('#status\\.languageStatus');
    await until(async () => (await status.count()) > 0);
    const activated = performance.now() - t0;
    await until(async () => (await lenses.count()) > 0);
    const cold = performance.now() - t0;
    console.log(
      `cold: tab open ${opened.toFixed(0)} ms, language status ${activated.toFixed(0)} ms, CodeLens ${cold.toFixed(0)} ms`,
    );
    for (let i = 0; i < 3; i++) {
      await workbench.runCommand('View: Close All Editors');
      await until(async () => (await lenses.count()) === 0);
      const t1 = performance.now();
      await workbench.openFile('Makefile');
      const tab = performance.now() - t1;
      await until(async () => (await lenses.count()) > 0);
      console.log(
        `warm reopen ${i + 1}: tab ${tab.toFixed(0)} ms, CodeLens ${(performance.now() - t1).toFixed(0)} ms`,
      );
    }
    // The language client's trace: when each codeLens request was sent and how long the server took.
    const root = session.scratchRoot;
    const logs = execFileSync('grep', ['-rh', '--include=*.log', 'codeLens\\|didOpen\\|initialize', root], {
      encoding: 'utf8',
    });
    console.log(
      logs
        .split('\n')
        .filter((l) => /Sending|Received/.test(l))
        .slice(0, 40)
        .join('\n'),
    );
  } finally {
    await session.close();
  }
}

void main();
