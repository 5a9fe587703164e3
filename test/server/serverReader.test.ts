// The test clients' JSON-RPC reader: a message cut off in the middle (a server killed while writing) leaves no timer behind.
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { serverReader } from '../shared/serverReader';

/** The timers alive in this process. */
const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('the test clients’ JSON-RPC reader', () => {
  it('starts no timer for a message cut off in the middle, which would keep the run alive after the tests', async () => {
    const stdout = new PassThrough();
    const reader = serverReader(stdout);
    const read: unknown[] = [];
    reader.listen((message) => read.push(message));
    // Counted after a turn of the loop: mocha starts this test's own timeout timer once the test awaits.
    await new Promise((resolve) => setImmediate(resolve));
    const before = timers();
    // The header of a 100-byte message and its first bytes, as a killed server leaves them.
    stdout.write('Content-Length: 100\r\n\r\n{"jsonrpc":"2.0",');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(timers(), before, 'a timer is running for the partial message');
    assert.deepEqual(read, []);
    reader.dispose();
    stdout.destroy();
  });
});
