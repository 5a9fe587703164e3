// Entry point of the language server: `node dist/server.js --stdio` or over IPC from the extension.
import { setFlagsFromString } from 'node:v8';
import { serverConnection } from './connection';
import { MakescopeServer } from './server';

// Parsing a large makefile allocates many short-lived range objects; a larger young generation
// halves the time spent in scavenges (measured on 30,000-line generated makefiles). Set before
// the heap grows, so it applies whichever way the server was started.
setFlagsFromString('--max-semi-space-size=32');

const connection = serverConnection();
new MakescopeServer(connection).register();
connection.listen();
