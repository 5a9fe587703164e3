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

/**
 * `import * as x from 'm'` of a module outside the bundle becomes `__toESM(require('m'))` in each importing file: a
 * copy of every member of `m` per file. VS Code's API has several hundred members and ~35 client files import it
 * (code-server's activation: 77 ms over an empty extension, 34 ms with one copy); node:path, ~70 files of the CLI.
 * Each module listed goes through one virtual module, `export * from 'm'`, which copies its members once.
 */
function oneNamespace(...modules) {
  return {
    name: 'one-namespace',
    setup(build) {
      const filter = new RegExp(`^(?:${modules.map((name) => name.replace(/[.:/]/g, '\\$&')).join('|')})$`);
      build.onResolve({ filter }, (args) =>
        args.namespace === 'one-namespace'
          ? { path: args.path, external: true }
          : { path: args.path, namespace: 'one-namespace' },
      );
      build.onLoad({ filter: /.*/, namespace: 'one-namespace' }, (args) => ({
        contents: `export * from ${JSON.stringify(args.path)};`,
        loader: 'js',
      }));
    },
  };
}

const builds = [
  {
    ...common,
    entryPoints: { extension: 'client/src/extension.ts' },
    outdir: 'dist',
    plugins: [oneNamespace('vscode', 'node:path')],
  },
  // vscode-languageclient, required by the extension when the server starts (not during activation).
  {
    ...common,
    entryPoints: { languageClient: 'client/src/infrastructure/languageClient/bundle.ts' },
    outdir: 'dist',
  },
  {
    ...common,
    entryPoints: { server: 'server/src/main.ts' },
    outdir: 'dist',
    plugins: [oneNamespace('node:path')],
  },
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
    plugins: [oneNamespace('node:path')],
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
