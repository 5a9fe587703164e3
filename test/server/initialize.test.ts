// The standalone server speaks LSP over stdio: initialize, capabilities, clean shutdown.
import * as assert from 'node:assert/strict';
import { LspSession } from './lspSession';

describe('server over stdio', () => {
  it('answers initialize with its capabilities and exits cleanly on shutdown/exit', async () => {
    const { session, result } = await LspSession.start();
    try {
      assert.equal(result.serverInfo?.name, 'Makescope');
      assert.ok(result.capabilities.documentSymbolProvider, 'document symbols are served');
      assert.ok(result.capabilities.textDocumentSync, 'documents are synchronised');
    } finally {
      const code = await session.shutdown();
      assert.equal(code, 0, `server exit code (stderr: ${session.stderr})`);
    }
  });
});
