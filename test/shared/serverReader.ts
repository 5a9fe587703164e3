// The JSON-RPC reader for a server's stdout that the test and bench clients use: one that never keeps a timer alive.
import type { Readable } from 'node:stream';
import { StreamMessageReader } from 'vscode-jsonrpc/node';

/**
 * vscode-jsonrpc's reader starts a 10 s timer when a message arrives in part, and starts it again each
 * time it fires while the message stays partial; disposing the connection leaves it running. A server
 * killed in the middle of writing a message (the crash and restart tests kill it) so left a timer that
 * kept the finished test run alive for good (the server-protocol layer hung after "107 passing"). The
 * timer only announces a partial message, which no client here listens for: with a timeout of 0 the
 * reader never starts it.
 */
export function serverReader(stdout: Readable): StreamMessageReader {
  const reader = new StreamMessageReader(stdout);
  reader.partialMessageTimeout = 0;
  return reader;
}
