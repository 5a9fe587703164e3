// Child of the activation bench, plain JS so no TypeScript loader skews the timing: loads
// dist/extension.js, then starts the server as the client does (over stdio) and awaits initialize.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const repo = path.resolve(__dirname, '..');
const dist = path.resolve(process.argv[2] ?? path.join(repo, 'dist'));
const bundle = path.join(dist, 'extension.js');
const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;

// The bundle imports 'vscode' (external). esbuild copies the module's own properties, so the stub has,
// as a class, every member the bundle names (read before the clock starts).
const clientBundle = path.join(dist, 'languageClient.js');
const text =
  fs.readFileSync(bundle, 'utf8') +
  (fs.existsSync(clientBundle) ? fs.readFileSync(clientBundle, 'utf8') : '');
const aliases = new Set(['vscode']);
for (const match of text.matchAll(/([A-Za-z_$][\w$]*)\s*=\s*(?:[\w$]+\()?require\(["']vscode["']\)/g))
  aliases.add(match[1]);
const stub = {};
for (const match of text.matchAll(/\b([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)/g)) {
  // Members named on a vscode alias, and (for minified bundles) every capitalised member name.
  if (aliases.has(match[1]) || /^[A-Z]/.test(match[2])) stub[match[2]] = class {};
}
const started = process.hrtime.bigint();
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };

require(bundle);
const requireMs = ms(started);
// Loaded by the extension when it starts the server, after activate() returned.
const clientStarted = process.hrtime.bigint();
if (fs.existsSync(clientBundle)) require(clientBundle);
const clientLoadMs = ms(clientStarted);

const { StreamMessageReader, StreamMessageWriter, createMessageConnection } = require('vscode-jsonrpc/node');
const forkStart = process.hrtime.bigint();
// As the extension starts it: node dist/server.js --stdio.
const child = spawn(
  process.execPath,
  [path.join(dist, 'server.js'), '--stdio', `--clientProcessId=${process.pid}`],
  {
    stdio: ['pipe', 'pipe', 'ignore'],
  },
);
const connection = createMessageConnection(
  new StreamMessageReader(child.stdout),
  new StreamMessageWriter(child.stdin),
);
connection.listen();
connection
  .sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {},
  })
  .then(() => {
    const startMs = ms(forkStart);
    process.stdout.write(JSON.stringify({ requireMs, clientLoadMs, startMs }));
    child.kill();
    process.exit(0);
  })
  .catch((error) => {
    process.stderr.write(String(error));
    child.kill();
    process.exit(1);
  });
