// Builds the three bundles (extension, language server, CLI) and the in-extension-host test bundle.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
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

/**
 * `import * as vscode from 'vscode'` in each client file would become `__toESM(require("vscode"))` in each: a copy of
 * every member of VS Code's API per file. Every import but the namespace module's own goes to that module instead,
 * which copies them once (client/src/infrastructure/vscodeApi/namespace.ts).
 */
const vscodeNamespace = path.resolve('client/src/infrastructure/vscodeApi/namespace.ts');
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.importer === vscodeNamespace ? { path: 'vscode', external: true } : { path: vscodeNamespace },
    );
  },
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'client/src/extension.ts' },
    outdir: 'dist',
    plugins: [oneVscodeNamespace],
  },
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
