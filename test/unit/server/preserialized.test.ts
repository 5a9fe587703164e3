// The stdio writer's JSON encoder: results marked serializeOnce() are sent from bytes computed once.
import * as assert from 'node:assert/strict';
import type { Message } from 'vscode-languageserver/node';
import { reusingJsonEncoder, serializeOnce } from '../../../server/src/preserialized';

const options = { charset: 'utf-8' as const };

async function sent(message: object): Promise<string> {
  return Buffer.from(await reusingJsonEncoder.encode(message as Message, options)).toString('utf8');
}

describe('pre-serialized responses (stdio encoder)', () => {
  const outline = serializeOnce([{ name: 'all', kind: 12, detail: 'app — ünïcode', children: [] }]);

  it('sends exactly what JSON.stringify would for any message, marked or not', async () => {
    const marked = serializeOnce([{ name: 'x', kind: 13 }]);
    const messages = [
      { jsonrpc: '2.0', id: 1, result: outline },
      { jsonrpc: '2.0', id: 'a"b', result: marked },
      { jsonrpc: '2.0', id: 2, result: null },
      { jsonrpc: '2.0', id: 3, error: { code: -32601, message: 'no such method' } },
      {
        jsonrpc: '2.0',
        method: 'textDocument/publishDiagnostics',
        params: { uri: 'file:///M', diagnostics: [] },
      },
    ];
    for (const message of messages) assert.equal(await sent(message), JSON.stringify(message));
  });

  it('answers each request with its own id around the same result', async () => {
    const symbols = serializeOnce([{ name: 'app', kind: 12 }]);
    const first = JSON.parse(await sent({ jsonrpc: '2.0', id: 7, result: symbols })) as unknown;
    const second = JSON.parse(await sent({ jsonrpc: '2.0', id: 8, result: symbols })) as unknown;
    assert.deepEqual(first, { jsonrpc: '2.0', id: 7, result: [{ name: 'app', kind: 12 }] });
    assert.deepEqual(second, { jsonrpc: '2.0', id: 8, result: [{ name: 'app', kind: 12 }] });
  });

  it('serializes a marked result once: its bytes are reused (so it must never be mutated)', async () => {
    const symbols = serializeOnce([{ name: 'before', kind: 12 }]);
    await sent({ jsonrpc: '2.0', id: 1, result: symbols });
    symbols[0].name = 'after';
    assert.match(await sent({ jsonrpc: '2.0', id: 2, result: symbols }), /"before"/);
    const unmarked = [{ name: 'before', kind: 12 }];
    await sent({ jsonrpc: '2.0', id: 3, result: unmarked });
    unmarked[0].name = 'after';
    assert.match(await sent({ jsonrpc: '2.0', id: 4, result: unmarked }), /"after"/);
  });
});
