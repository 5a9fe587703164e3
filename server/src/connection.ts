// The server's connection: over stdio it is built here, so that its writer reuses pre-serialized results
// (preserialized.ts); over IPC, sockets and pipes it is the library's own, unchanged.
import { format } from 'node:util';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';
import { reusingJsonEncoder } from './preserialized';

export function serverConnection(argv: readonly string[] = process.argv.slice(2)): Connection {
  return argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
}

/**
 * What createConnection() does for `--stdio`, with our JSON encoder on the writer. The library's stdio
 * path also exits when stdin ends (the client went away without `exit`) and sends console output to the
 * client's log instead of stdout, where it would corrupt the protocol: both are kept here.
 */
function stdioConnection(): Connection {
  const connection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(process.stdin),
    new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: reusingJsonEncoder }),
  );
  // The library keeps its own flag private; this is the only shutdown handler (server.ts has none).
  let shutdownReceived = false;
  connection.onShutdown(() => {
    shutdownReceived = true;
  });
  const clientGone = (): never => process.exit(shutdownReceived ? 0 : 1);
  process.stdin.on('end', clientGone);
  process.stdin.on('close', clientGone);
  const log =
    (send: (message: string) => void) =>
    (...args: unknown[]) =>
      send(format(...args));
  console.log = console.info = console.debug = log((message) => connection.console.log(message));
  console.warn = log((message) => connection.console.warn(message));
  console.error = log((message) => connection.console.error(message));
  return connection;
}
