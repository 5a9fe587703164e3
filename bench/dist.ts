// The bundles the bench measures: built once per run, then copied aside so concurrent rebuilds of dist/ can't swap them.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { repoRoot } from './corpus';
import { firstLine, run } from './tools';

// In this checkout's bench/results (gitignored), not the corpus cache: worktrees share .cache, and one
// checkout's bench would otherwise measure another's bundles.
export const benchDist = path.join(repoRoot, 'bench', 'results', 'dist');
const BUNDLES = ['extension.js', 'languageClient.js', 'server.js', 'cli.js', 'cli/main.js'];
const ENGINE = path.join(benchDist, 'engine.js');
/** The answer-floor peer of the LSP rows (echoServer.ts), bundled like the server. */
export const echoServerPath = path.join(benchDist, 'echoServer.js');

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
  if (build || !existsSync(ENGINE) || !existsSync(echoServerPath)) buildBenchBundles();
}

/** bench/engine.ts and bench/echoServer.ts with the production bundle's options (esbuild.mjs --production). */
function buildBenchBundles(): void {
  buildSync({
    entryPoints: {
      engine: path.join(repoRoot, 'bench', 'engine.ts'),
      echoServer: path.join(repoRoot, 'bench', 'echoServer.ts'),
    },
    outdir: benchDist,
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
  if (!existsSync(ENGINE)) buildBenchBundles();
  loaded ??= createRequire(__filename)(ENGINE) as typeof import('./engine');
  return loaded;
}
