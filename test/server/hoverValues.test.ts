// The hover's make runs go through the server's one door for make: recorded in the server's log like a
// probe's runs, and stopped (make's process group killed) when the hover is superseded or its document closed.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, LspSession } from './lspSession';

/** Processes working in `folder` (make runs in the makefile's folder, isolated or not, and so do its children). */
async function processesIn(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
    if (cwd === folder) found.push(pid);
  }
  return found;
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the hover's make runs through the probe runner", () => {
  let root: string;
  let session: LspSession;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'makescope-hover-door-'));
    ({ session } = await LspSession.start(root));
  });

  afterEach(async () => {
    await session.shutdown();
    await rm(root, { recursive: true, force: true });
  });

  /** Opens `text` as `root/name` and hovers over its first character. */
  async function hoverFirstWord(name: string, text: string): Promise<{ uri: string; hover: string }> {
    const file = path.join(root, name);
    await writeFile(file, text);
    const uri = fileUri(file);
    await session.open(uri, text);
    const result = await session.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 0 },
    });
    return { uri, hover: result ? (result.contents as MarkupContent).value : '' };
  }

  it("records the hover's make run in the server's log, as a probe's runs are", async () => {
    const { hover } = await hoverFirstWord('Makefile', 'GREETING = hello\nall: ; @true\n');
    assert.match(hover, /make resolved \(file, recursive\):\n```make\nhello\n```/);
    const line = session.logs.find((log) => log.startsWith('Makescope: hover values: $ '));
    assert.ok(line, `a hover values line in the log; the log: ${session.logs.join('\n')}`);
    assert.ok(line.includes(' -q -f Makefile -f '), line);
    assert.match(line, /\(exit \d+, [\d.]+ m?s\)/);
  });

  it("marks which conditional branch gives make's value (git's CC: clink.pl only on Windows)", async () => {
    const text = [
      'ifeq ($(shell uname -s),Windows)',
      'CC = compat/vcbuild/scripts/clink.pl',
      'AR = lib.exe',
      'else',
      'CC = cc',
      'endif',
      'all: ; @true',
      '',
    ].join('\n');
    const file = path.join(root, 'Makefile');
    await writeFile(file, text);
    const uri = fileUri(file);
    await session.open(uri, text);
    const result = await session.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 1, character: 0 },
    });
    const hover = result ? (result.contents as MarkupContent).value : '';
    // make itself: the value and origin it ends with, printed by a goal of its own.
    const made = execFileSync(
      'make',
      ['-s', '-f', 'Makefile', '--eval', 'makescope-print: ; @echo $(CC) $(origin AR)', 'makescope-print'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, MAKEFLAGS: '' } },
    ).trim();
    assert.equal(made, 'cc default', 'make on this machine takes the else branch');
    assert.match(hover, /make resolved \(file, recursive\):\n```make\ncc\n```/);
    assert.match(
      hover,
      /at \[Makefile:2\]\([^)]*\) inside `ifeq \(\$\(shell uname -s\),Windows\)` \(\[Makefile:1\]\([^)]*\)\) \u2014 not make\u2019s value here/,
    );
    assert.match(
      hover,
      /at \[Makefile:5\]\([^)]*\) inside `else \(of ifeq \(\$\(shell uname -s\),Windows\)\)` \(\[Makefile:4\]\([^)]*\)\) \u2014 same as make\u2019s value/,
    );
    const ar = await session.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 2, character: 0 },
    });
    assert.match(
      ar ? (ar.contents as MarkupContent).value : '',
      /at \[Makefile:3\]\([^)]*\) inside `ifeq [^`]*` \(\[Makefile:1\]\([^)]*\)\) \u2014 not make\u2019s value: it comes from make\u2019s built-in default/,
    );
  });

  // make reads the makefile for ever ($(shell sleep) while parsing): the hover shows the static facts after
  // its budget, make runs on for the cached answer until nobody wants it.
  const SLOW = 'SLOW := $(shell sleep 300; echo slow)\nall: ; @true\n';

  it("closing the hover's document stops its make", async () => {
    const folder = path.join(root, 'one');
    await mkdir(folder);
    const { uri, hover } = await hoverFirstWord('one/Makefile', SLOW);
    assert.match(hover, /SLOW/, 'the static hover');
    assert.doesNotMatch(hover, /make resolved/, 'make has not answered');
    await until('make is reading the makefile', async () => (await processesIn(folder)).length > 0);
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await until(
      'make stopped after the document closed',
      async () => (await processesIn(folder)).length === 0,
    );
  });

  it("a newer hover elsewhere stops the older hover's make", async () => {
    const folder = path.join(root, 'one');
    await mkdir(folder);
    await hoverFirstWord('one/Makefile', SLOW);
    await until('make is reading the makefile', async () => (await processesIn(folder)).length > 0);
    await mkdir(path.join(root, 'two'));
    const { hover } = await hoverFirstWord('two/Makefile', 'OTHER = fast\nall: ; @true\n');
    assert.match(hover, /make resolved \(file, recursive\):\n```make\nfast\n```/);
    await until('the older make stopped', async () => (await processesIn(folder)).length === 0);
  });
});
