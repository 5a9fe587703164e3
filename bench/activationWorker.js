// Child of the activation bench, plain JS so no TypeScript loader skews the timing: loads
// dist/extension.js, then starts the server as the client does (fork over IPC) and awaits initialize.
'use strict';
const { fork } = require('node:child_process');
const Module = require('node:module');
const path = require('node:path');

const repo = path.resolve(__dirname, '..');
const started = process.hrtime.bigint();
const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;

// The bundle imports 'vscode' (external); a stub whose every member is a class lets it load.
const stub = new Proxy({}, { get: (_target, name) => (name === '__esModule' ? false : class {}) });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };

require(path.join(repo, 'dist', 'extension.js'));
const requireMs = ms(started);

const { IPCMessageReader, IPCMessageWriter, createMessageConnection } = require('vscode-jsonrpc/node');
const forkStart = process.hrtime.bigint();
const child = fork(path.join(repo, 'dist', 'server.js'), ['--node-ipc', `--clientProcessId=${process.pid}`], {
  stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
});
const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
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
    process.stdout.write(JSON.stringify({ requireMs, startMs }));
    child.kill();
    process.exit(0);
  })
  .catch((error) => {
    process.stderr.write(String(error));
    child.kill();
    process.exit(1);
  });
