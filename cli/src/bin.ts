// The `makescope` executable (dist/cli.js): V8's compiled code kept across runs, then the CLI itself (dist/cli/main.js).
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import { cacheFolder } from '../../engine/probes/cacheFolder';
import { runWithCodeCache } from './codeCache';

// Compiling the CLI's bundle is most of its loading time. Node 22.1+ keeps the code it compiled for the modules
// loaded after enableCompileCache; on older Node the bundle runs through vm.Script with V8's cached data kept in
// Makescope's cache folder (codeCache.ts). The CLI is one CommonJS bundle whose commands' modules are set up only
// when the command runs (commandTable.ts): on Node 20, ES modules split per command measured no faster.
const enableCompileCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
// Beside this file once built: not a module of the source tree.
const bundle = path.join(__dirname, 'cli', 'main.js');
const folder = cacheFolder();
if (enableCompileCache !== undefined || folder === undefined) {
  enableCompileCache?.();
  nodeModule.createRequire(__filename)(bundle);
} else {
  runWithCodeCache(bundle, folder);
}
