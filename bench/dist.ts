// The bundles the bench measures: built once per run, then copied aside so concurrent rebuilds of dist/ can't swap them.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { cacheRoot, repoRoot } from './corpus';
import { firstLine, run } from './tools';

export const benchDist = path.join(cacheRoot, 'dist');
const BUNDLES = ['extension.js', 'languageClient.js', 'server.js', 'cli.js', 'cli/main.js'];
const ENGINE = path.join(benchDist, 'engine.js');

/** Builds the production bundles (what the .vsix ships) unless told not to, and copies them to benchDist. */
export function prepareDist(build: boolean, log: (message: string) => void): void {
  if (build) {
    log('building production bundles (node esbuild.mjs --production)');
    const built = run(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot });
    if (!built.ok) log(`build failed, using the existing dist/: ${firstLine(built.stderr)}`);
  }
  mkdirSync(path.join(benchDist, 'cli'), { recursive: true });
  for (const bundle of BUNDLES) {
    const from = path.join(repoRoot, 'dist', bundle);
    if (existsSync(from)) copyFileSync(from, path.join(benchDist, bundle));
  }
  if (build || !existsSync(ENGINE)) buildEngine();
}

/** bench/engine.ts with the production bundle's options (esbuild.mjs --production). */
function buildEngine(): void {
  buildSync({
    entryPoints: [path.join(repoRoot, 'bench', 'engine.ts')],
    outfile: ENGINE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    logLevel: 'warning',
  });
}

let loaded: typeof import('./engine') | undefined;

/** The bundled engine; prepareDist (or an earlier bench run) must have built it. */
export function engine(): typeof import('./engine') {
  if (!existsSync(ENGINE)) buildEngine();
  loaded ??= createRequire(__filename)(ENGINE) as typeof import('./engine');
  return loaded;
}
