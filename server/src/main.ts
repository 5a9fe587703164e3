// Entry point of the language server: `node dist/server.js --stdio` (the extension starts it so too; IPC also works).
import { serverConnection } from './connection';
import { MakescopeServer } from './server';

// Node options that help the server (nodeFlags.ts) are given on its command line by whoever starts it.
const connection = serverConnection();
new MakescopeServer(connection).register();
connection.listen();
