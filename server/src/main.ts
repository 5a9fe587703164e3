// Entry point of the language server: `node dist/server.js --stdio` or over IPC from the extension.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { MakescopeServer } from './server';

const connection = createConnection(ProposedFeatures.all);
new MakescopeServer(connection).register();
connection.listen();
