// Responses serialized once: a result that never changes (the outline of one parsed document version)
// is turned into JSON the first time it is sent and the bytes are reused for every later request.
//
// On a 5,000-line Makefile the outline is ~3,000 symbols (~650 KB of JSON): JSON.stringify and the
// UTF-8 encoding cost ~4 ms per request, most of the server's share of the round trip. vscode-jsonrpc
// lets a stream transport (stdio, which every client here uses, VS Code included) take a custom
// content-type encoder; this is one. Over IPC Node's process.send serializes the message itself, so
// nothing is reused there: marking a result is then harmless and the response is sent as usual.
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

/** Results the handlers promised never to mutate, with their JSON (UTF-8) once it was first sent. */
const serialized = new WeakMap<object, Buffer | undefined>();

/**
 * Marks `result` as immutable and returns it: the stdio writer serializes it once and reuses the bytes.
 * Only for a value nobody mutates after it is returned (a cached outline); a changed value would be
 * sent stale.
 */
export function serializeOnce<T extends object>(result: T): T {
  if (!serialized.has(result)) serialized.set(result, undefined);
  return result;
}

/** vscode-jsonrpc's own application/json encoder, with the bytes of results marked by serializeOnce() reused. */
export const reusingJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      return Promise.resolve(encode(message, options.charset));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  },
};

function encode(message: Message, charset: BufferEncoding): Buffer {
  const result = (message as { result?: unknown }).result;
  if (!isObject(result) || !serialized.has(result) || !isUtf8(charset))
    return Buffer.from(JSON.stringify(message), charset);
  let body = serialized.get(result);
  if (!body) {
    body = Buffer.from(JSON.stringify(result), 'utf8');
    serialized.set(result, body);
  }
  // The response around the result (`{"jsonrpc":"2.0","id":7}`) with the result's bytes spliced in as
  // its last member: vscode-jsonrpc adds `result` last, so these are the bytes JSON.stringify would give.
  const envelope: Record<string, unknown> = { ...message };
  delete envelope.result;
  const head = JSON.stringify(envelope).slice(0, -1);
  return Buffer.concat([Buffer.from(`${head}${head.length > 1 ? ',' : ''}"result":`, 'utf8'), body, CLOSE]);
}

const CLOSE = Buffer.from('}', 'utf8');

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isUtf8(charset: string): boolean {
  return charset.toLowerCase().replace('-', '') === 'utf8';
}
