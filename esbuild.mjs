// Builds the three bundles (extension, language server, CLI) and the in-extension-host test bundle.
import { existsSync } from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
};

const builds = [
  { ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist' },
  // vscode-languageclient, required by the extension when the server starts (not during activation).
  {
    ...common,
    entryPoints: { languageClient: 'client/src/infrastructure/languageClient/bundle.ts' },
    outdir: 'dist',
  },
  { ...common, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist' },
  // The CLI: dist/cli.js (the bin) turns on V8's compile cache where Node has it, then loads the
  // CLI's bundle, dist/cli/main.js (issue 19).
  {
    ...common,
    entryPoints: { cli: 'cli/src/bin.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: { main: 'cli/src/main.ts' },
    outdir: 'dist/cli',
  },
];

// Integration tests run inside the VS Code extension host, so they are bundled like the extension.
if (existsSync('test/integration/index.ts')) {
  builds.push({
    ...common,
    sourcemap: true,
    minify: false,
    entryPoints: ['test/integration/index.ts', 'test/integration/*.test.ts'],
    outdir: 'out/test/integration',
    external: ['vscode', 'mocha'],
  });
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
