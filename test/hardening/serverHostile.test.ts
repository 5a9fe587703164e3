// The language server over a real stdio session under hostile documents: it answers, declines large files, stays up.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fileUri, LspSession } from '../server/lspSession';
import { makefile } from './support/makefileArbitrary';
import { tally } from './support/tally';
import { SEED } from '../shared/seed';

const FUZZ_DOCUMENTS = 150;

/** Every request a client sends while a user types, at a position inside or past the text. */
async function exercise(session: LspSession, uri: string, line: number, character: number): Promise<void> {
  const textDocument = { uri };
  const position = { line, character };
  await Promise.all([
    session.request('textDocument/documentSymbol', { textDocument }),
    session.request('textDocument/foldingRange', { textDocument }),
    session.request('textDocument/hover', { textDocument, position }),
    session.request('textDocument/completion', { textDocument, position }),
    session.request('textDocument/definition', { textDocument, position }),
    session.request('textDocument/references', {
      textDocument,
      position,
      context: { includeDeclaration: true },
    }),
    session.request('textDocument/codeLens', { textDocument }),
    session.request('textDocument/documentLink', { textDocument }),
    session.request('textDocument/prepareRename', { textDocument, position }),
  ]);
}

const declined = (params: PublishDiagnosticsParams): boolean =>
  params.diagnostics.some((d) => d.severity === 3 && /makescope\.maxFileSizeMB/.test(d.message));

describe('hardening: the server under hostile documents (stdio LSP)', () => {
  let session: LspSession;
  let folder: string;
  let opened = 0;
  const open = async (name: string, text: string): Promise<string> => {
    const uri = fileUri(path.join(folder, name));
    await session.open(uri, text, ++opened);
    return uri;
  };

  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'makescope-hardening-lsp-'));
    ({ session } = await LspSession.start(folder, { trusted: false }));
  });
  after(async () => {
    // A server that hangs fails its test; it must not also hang the rest of the layer.
    const stopped = await Promise.race([
      session.shutdown().then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10000).unref()),
    ]);
    if (!stopped) session.kill();
    await rm(folder, { recursive: true, force: true });
  });

  it(`answers every editor request on ${FUZZ_DOCUMENTS} grammar-shaped and random-byte documents`, async () => {
    const documents = [
      ...fc.sample(makefile, { seed: SEED, numRuns: FUZZ_DOCUMENTS }),
      ...fc
        .sample(fc.uint8Array({ maxLength: 400 }), { seed: SEED, numRuns: 50 })
        .map((b) => Buffer.from(b).toString('utf8')),
    ];
    for (const [i, text] of documents.entries()) {
      const uri = await open(`fuzz${i}.mk`, text);
      const lines = text.split(/\r\n|\r|\n/);
      const line = i % (lines.length + 1);
      await exercise(session, uri, line, (i * 7) % ((lines[line]?.length ?? 0) + 2));
    }
    tally('server fuzz documents (every editor request each)', documents.length);
  });

  it('declines a 50 MB file politely with an Information diagnostic, and keeps serving', async () => {
    const big = await open('big.mk', 'A = $(B)x\n'.repeat(5 * 1024 * 1024));
    const published = await session.waitForDiagnostics(big, declined, 60000);
    assert.match(published.diagnostics[0].message, /big\.mk is 50\.0 MB, above the 10\.0 MB limit/);
    assert.deepEqual(
      await session.request('textDocument/documentSymbol', { textDocument: { uri: big } }),
      [],
    );
    const small = await open('small.mk', 'A = 1\nall: ; @echo $(A)\n');
    const symbols = await session.request<unknown[]>('textDocument/documentSymbol', {
      textDocument: { uri: small },
    });
    assert.ok(symbols.length > 0);
    tally('server hostile documents', 2);
  });

  it('declines a 50 MB file found on disk in the workspace', async () => {
    // Both files define a variable; only the small one may be parsed into workspace symbols.
    const big = path.join(folder, 'disk-big.mk');
    const small = path.join(folder, 'disk-small.mk');
    await writeFile(big, 'BIGDISKVAR = 1\n'.repeat(Math.ceil((50 * 1024 * 1024) / 15)));
    await writeFile(small, 'SMALLDISKVAR = 1\n');
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: fileUri(big), type: 1 },
        { uri: fileUri(small), type: 1 },
      ],
    });
    type Found = { name: string; location: { uri: string; range: { start: { line: number } } } };
    const where = (found: Found[]): string[] =>
      found.map((s) => `${s.name} ${path.basename(s.location.uri)}:${s.location.range.start.line + 1}`);
    assert.deepEqual(where(await session.request<Found[]>('workspace/symbol', { query: 'BIGDISKVAR' })), []);
    assert.deepEqual(where(await session.request<Found[]>('workspace/symbol', { query: 'SMALLDISKVAR' })), [
      'SMALLDISKVAR disk-small.mk:1',
    ]);
    tally('server hostile documents', 1);
  });

  it('a FIFO and a link to /dev/zero named like makefiles in the workspace: workspace symbols still answer', async () => {
    const fifo = path.join(folder, 'fifo.mk');
    const zero = path.join(folder, 'zero.mk');
    execFileSync('mkfifo', [fifo]);
    await symlink('/dev/zero', zero);
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: fileUri(fifo), type: 1 },
        { uri: fileUri(zero), type: 1 },
      ],
    });
    const answered = await Promise.race([
      session.request<unknown[]>('workspace/symbol', { query: 'A' }).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10000).unref()),
    ]);
    assert.ok(answered, 'workspace/symbol answered within 10 s');
    await rm(fifo);
    await rm(zero);
    tally('server hostile documents', 2);
  });

  it('honours a smaller makescope.maxFileSizeMB from the client', async () => {
    session.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => ({ maxFileSizeMB: 0.01 })),
    );
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const over = await open('over.mk', 'A = 1\n'.repeat(3000));
    const published = await session.waitForDiagnostics(over, declined);
    assert.match(published.diagnostics[0].message, /above the 0\.0 MB limit|above the 0\.01 MB limit/);
    const under = await open('under.mk', 'all: ; @echo\n');
    await session.waitForDiagnostics(under, (params) => !declined(params));
    session.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => ({})),
    );
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    tally('server hostile documents', 2);
  });

  it('stays up on the named cases just under the limit: binary, 10,000-deep $(, NUL, lone CR, 1 MB line', async () => {
    const random = Buffer.alloc(2 * 1024 * 1024);
    for (let i = 0, x = 7; i < random.length; i++)
      random[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    const cases: Record<string, string> = {
      'binary.mk': random.toString('utf8'),
      'nested.mk': `A = ${'$('.repeat(10_000)}x${')'.repeat(10_000)}\nB = ${'$('.repeat(10_000)}\n`,
      'unclosed.mk': `A = ${'$('.repeat(500_000)}\n`,
      'nul.mk': 'A\0 = \0$(\0)\n'.repeat(30_000),
      'cr.mk': 'A = 1\rb: c\r\t$(CC)\r'.repeat(30_000),
      'crlf.mk': 'A = 1\r\nb: c\r\n\t$(CC)\r\n'.repeat(30_000),
      'line.mk': `all: ${'x'.repeat(1 << 20)}\n`,
      'targets.mk': `${Array.from({ length: 100_000 }, (_, i) => `t${i}`).join(' ')}: p\n`,
      'continued.mk': `A = ${'$(x) \\\n'.repeat(200_000)}y\n`,
      'define.mk': 'define X\n' + 'a $(b)\n'.repeat(30_000),
    };
    for (const [name, text] of Object.entries(cases)) {
      const uri = await open(name, text);
      await session.waitForDiagnostics(uri, () => true, 60000);
      await exercise(session, uri, 0, 5);
    }
    assert.equal(session.child.exitCode, null, `the server exited: ${session.stderr}`);
    // Bounded memory: the server's peak resident size over the whole session so far, with every
    // document above still open (about 1.1 GB in November 2026; 1 MB of unclosed `$(` alone costs
    // about 280 MB, so the 10 MB limit does not bound a pathological file to a small heap).
    const status = readFileSync(`/proc/${session.child.pid}/status`, 'utf8');
    const peakMb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
    assert.ok(peakMb < 2048, `the server peaked at ${peakMb.toFixed(0)} MB`);

    tally('server hostile documents', Object.keys(cases).length);
  });

  it('bounds a 9 MB file of references: the first million are analysed, and it says so', async () => {
    const uri = await open(
      'references.mk',
      `B = ${'$(Q7)'.repeat(1_000_000)}\nA = ${'$('.repeat(2_000_000)}\n`,
    );
    const published = await session.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0, 60000);
    const messages = published.diagnostics.map((diagnostic) => diagnostic.message);
    assert.ok(
      messages.some((message) =>
        /more than 1,000,000 variable references: the ones after this are not analysed/.test(message),
      ),
      messages.slice(0, 5).join('\n'),
    );
    // A million uses of Q7, which no makefile defines: a thousand notes and one that says the rest are not listed.
    const undefinedNotes = published.diagnostics.filter((diagnostic) => diagnostic.code === 'MS104');
    assert.equal(undefinedNotes.length, 1001);
    assert.match(undefinedNotes[1000]?.message ?? '', /only the first 1000 are reported/);
    await exercise(session, uri, 0, 5);
    assert.equal(session.child.exitCode, null, `the server exited: ${session.stderr}`);
    tally('server hostile documents', 1);
  });
});
