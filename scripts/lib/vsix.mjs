// Builds the production bundles and packages the .vsix, checking it holds only what .vscodeignore lets through.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, repoRoot } from '../ensure-vscode.mjs';

export const vsixPath = join(cacheDir, 'makescope.vsix');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8' });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/** The `!pattern` lines of .vscodeignore as regular expressions (`*` stays inside one folder). */
function whitelist() {
  return readFileSync(join(repoRoot, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => {
      const glob = line.slice(1).replace(/^\//, '');
      const source = glob
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*');
      return new RegExp(`^${source}$`);
    });
}

/** Relative image paths the README shows (`![alt](path)`): they must ship, since links are not rewritten. */
export function readmeImages() {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  return [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map((match) => match[1])
    .filter((link) => !/^[a-z]+:/i.test(link));
}

/** Files `vsce ls` would package; throws if one is outside the whitelist or a bundle is missing. */
export function checkPackageContents() {
  const files = run('npx', ['vsce', 'ls', '--no-dependencies'])
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const allowed = whitelist();
  const stray = files.filter((file) => !allowed.some((pattern) => pattern.test(file)));
  if (stray.length > 0)
    throw new Error(`the .vsix would contain files outside .vscodeignore: ${stray.join(', ')}`);
  // The details page needs the README, its screenshot, the icon and the changelog inside the .vsix.
  for (const needed of [
    'package.json',
    'dist/extension.js',
    'dist/server.js',
    'README.md',
    'CHANGELOG.md',
    'images/icon.png',
    ...readmeImages(),
  ]) {
    if (!files.includes(needed))
      throw new Error(`the .vsix would lack ${needed} (files: ${files.join(', ')})`);
  }
  return files;
}

/** `node esbuild.mjs --production`, then `vsce package` into .vscode-test/makescope.vsix. */
export function buildAndPackage(log = () => {}) {
  const started = Date.now();
  run(process.execPath, ['esbuild.mjs', '--production']);
  const files = checkPackageContents();
  mkdirSync(cacheDir, { recursive: true });
  // Package beside the target and rename: a concurrent run installing the .vsix never sees half a file.
  const partial = `${vsixPath}.${process.pid}.vsix`;
  run('npx', [
    'vsce',
    'package',
    '--no-dependencies',
    '--no-rewrite-relative-links', // VS Code resolves the README's images inside the installed extension
    '--allow-missing-repository', // no public repository yet: no placeholder URL
    '--out',
    partial,
  ]);
  renameSync(partial, vsixPath);
  log(`packaged ${files.length} files into ${vsixPath} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return vsixPath;
}
