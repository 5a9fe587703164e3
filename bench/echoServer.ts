// The floor of an LSP answer: a process on the language server's own stdio connection that sends back the
// answer it was last given, its bytes serialized once. Timed beside the server, an answer of the same bytes
// costs this much for the transport, the pipe and the client's decode alone; the rest is the server's share.
import { serverConnection } from '../server/src/connection';
import { serializeOnce } from '../server/src/preserialized';

const connection = serverConnection(['--stdio']);
let answer: unknown = null;
connection.onRequest('bench/remember', (params: { answer: unknown }) => {
  answer =
    typeof params.answer === 'object' && params.answer !== null
      ? serializeOnce(params.answer)
      : params.answer;
  return null;
});
connection.onRequest('bench/echo', () => answer);
connection.listen();
