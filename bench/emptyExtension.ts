// The activation peer: an extension that does nothing, activated by the same event as Makescope and installed
// beside it in the same code-server session, so Makescope's activation is measured over what any extension pays.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheRoot } from './corpus';

export const EMPTY_EXTENSION_NAME = 'Makescope Bench Empty';

const manifest = {
  name: 'makescope-bench-empty',
  displayName: EMPTY_EXTENSION_NAME,
  description: 'The activation peer of the benchmark: activates like Makescope and does nothing.',
  version: '0.0.1',
  publisher: 'makescope-bench',
  license: 'MIT',
  engines: { vscode: '^1.91.0' },
  activationEvents: ['workspaceContains:**/{Makefile,makefile,GNUmakefile,Makefile.*,makefile.*,*.mk}'],
  main: './extension.js',
};

/** Packages the empty extension once into the bench cache; returns its .vsix. */
export function emptyExtensionVsix(): string {
  const dir = path.join(cacheRoot, 'empty-extension');
  const vsix = path.join(dir, 'empty.vsix');
  if (existsSync(vsix)) return vsix;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(
    path.join(dir, 'extension.js'),
    'exports.activate = () => {};\nexports.deactivate = () => {};\n',
  );
  writeFileSync(path.join(dir, 'README.md'), `# ${EMPTY_EXTENSION_NAME}\n`);
  writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  const vsce = path.join(__dirname, '..', 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--allow-missing-repository', '-o', vsix], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`packaging the empty extension failed: ${result.stderr || result.stdout}`);
  return vsix;
}
