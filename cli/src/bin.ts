// The `makescope` executable (dist/cli.js): V8's compile cache where Node has it, then the CLI itself (dist/cli/main.js).
import * as nodeModule from 'node:module';

// Node 22.1+ keeps the code it compiled for the modules loaded after this call, so the next run
// skips compiling the CLI (most of its loading time); older Node has no such call. The CLI is one
// CommonJS bundle whose commands' modules are set up only when the command runs (commandTable.ts):
// on Node 20, ES modules split per command measured no faster (their loader costs what they save).
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// Beside this file once built: not a module of the source tree.
nodeModule.createRequire(__filename)('./cli/main.js');
