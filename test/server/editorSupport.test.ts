// Server support for the editor: make-resolved hovers, CodeLens, the target list and Restricted Mode.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeLens, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import type { CollectEvidenceResult, ListTargetsResult } from '../../contract/protocol';
import { LspSession, fileUri } from './lspSession';

const MAKEFILE = [
  'SRCS := main.c util.c',
  'OBJS := $(patsubst %.c,%.o,$(SRCS))',
  'CFLAGS = -O2',
  '',
  '.PHONY: all debug',
  'all: app',
  '',
  'app: $(OBJS)',
  '\t@echo $(CFLAGS) $(OBJS)',
  '',
  'debug: CFLAGS += -g',
  'debug:',
  '\t@echo $(CFLAGS)',
  '',
].join('\n');

describe('editor support over stdio', () => {
  let dir: string;
  let uri: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'makescope-editor-'));
    writeFileSync(path.join(dir, 'Makefile'), MAKEFILE);
    uri = fileUri(path.join(dir, 'Makefile'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function hoverText(session: LspSession, line: number, character: number): Promise<string> {
    const result = await session.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character },
    });
    return result ? (result.contents as MarkupContent).value : '';
  }

  it("shows make's resolved value in the hover, and the target's own value inside its recipe", async () => {
    const { session } = await LspSession.start(dir);
    try {
      await session.open(uri, readFileSync(path.join(dir, 'Makefile'), 'utf8'));
      const objs = await hoverText(session, 1, 1);
      assert.match(objs, /make resolved \(file, simple\):\n```make\nmain\.o util\.o\n```/);
      assert.match(objs, /\$\(patsubst %\.c,%\.o,\$\(SRCS\)\)/, 'the stored value is shown too');
      const inDebug = await hoverText(session, 12, 10);
      assert.match(inDebug, /make resolved \(file, recursive\):\n```make\n-O2\n```/);
      assert.match(inDebug, /make resolved for target `debug` \(file, recursive\):\n```make\n-O2 -g\n```/);
    } finally {
      await session.shutdown();
    }
  });

  it('offers Dry run, Trace and Check convergence above each rule of a real target', async () => {
    const { session } = await LspSession.start(dir);
    try {
      await session.open(uri, MAKEFILE);
      const lenses = await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      const titles = lenses.filter((l) => l.range.start.line === 7).map((l) => l.command?.title);
      assert.deepEqual(titles, ['Dry run', 'Trace', 'Check convergence']);
      assert.deepEqual(lenses[0]?.command?.arguments, [{ uri, target: 'all' }]);
      assert.ok(!lenses.some((l) => l.range.start.line === 4), 'no lens on .PHONY');
    } finally {
      await session.shutdown();
    }
  });

  it('lists the targets of a folder, default goal first, from the static model', async () => {
    const { session } = await LspSession.start(dir);
    try {
      const result = await session.request<ListTargetsResult>('makescope/listTargets', { uri: fileUri(dir) });
      assert.equal(result.defaultGoal, 'all');
      assert.deepEqual(
        result.targets.map((t) => [t.name, t.phony]),
        [
          ['all', true],
          ['app', false],
          ['debug', true],
        ],
      );
    } finally {
      await session.shutdown();
    }
  });

  it('collects evidence over LSP: the verdict, and a report file outside the project', async () => {
    const { session } = await LspSession.start(dir);
    try {
      const result = await session.request<CollectEvidenceResult>('makescope/collectEvidence', {
        uri: fileUri(dir),
        targets: ['app'],
        skipBuilds: true,
      });
      assert.equal(result.report.rungs.length, 8);
      assert.equal(
        result.report.verdict.kind,
        'local-fix',
        'app is not built yet: the convergence rung finds it stale',
      );
      assert.ok(!result.markdownPath.startsWith(dir), 'the report is not written into the project');
      assert.match(readFileSync(result.markdownPath, 'utf8'), /# Build evidence: local fix/);
      rmSync(result.outputDirectory, { recursive: true, force: true });
    } finally {
      await session.shutdown();
    }
  });

  it('in an untrusted workspace: no probe, no resolved value, no CodeLens', async () => {
    const { session } = await LspSession.start(dir, { trusted: false });
    try {
      await session.open(uri, MAKEFILE);
      const objs = await hoverText(session, 1, 1);
      assert.match(objs, /OBJS/, 'the static hover still works');
      assert.doesNotMatch(objs, /make resolved/);
      const lenses = await session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.deepEqual(lenses, []);
      await assert.rejects(
        session.request('makescope/convergence', { uri: fileUri(dir) }),
        /trusted workspace/,
      );
    } finally {
      await session.shutdown();
    }
  });
});
