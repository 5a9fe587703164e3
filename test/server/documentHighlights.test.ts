// Document highlights over a real stdio session, checked against make: writes are where make records the
// variable's definition, reads are where make expands it, a target's rule and its prerequisite uses per make -p.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver-protocol';
import { openScratchMakefile, runMake, type ScratchMakefile } from './support/scratchMakefile';

const MAKEFILE = [
  'CC := gcc',
  'CFLAGS = -O2',
  'CFLAGS += -Wall',
  'O = out',
  'app: main.o util.o',
  '\t$(CC) $(CFLAGS) -o $O/$@ $^',
  'main.o: main.c',
  '\t${CC} ${CFLAGS} -c $<',
  'debug: CFLAGS += -g',
  'debug: app',
  'SUMMARY := $(CFLAGS:-O%=-O0)',
  '.PHONY: app debug',
  '',
].join('\n');
const LINES = MAKEFILE.split('\n');

/** 0-based lines of the highlights of one kind. */
function linesOf(highlights: DocumentHighlight[], kind: DocumentHighlightKind): number[] {
  return highlights
    .filter((highlight) => highlight.kind === kind)
    .map((highlight) => highlight.range.start.line)
    .sort((a, b) => a - b);
}

describe('document highlights', function () {
  this.timeout(60_000);
  let scratch: ScratchMakefile;

  before(async () => {
    scratch = await openScratchMakefile(MAKEFILE);
    await writeFile(path.join(scratch.folder, 'main.c'), '');
    await writeFile(path.join(scratch.folder, 'util.o'), '');
  });
  after(async () => {
    await scratch.close();
  });

  const highlightsAt = (line: number, character: number): Promise<DocumentHighlight[]> =>
    scratch.session.request<DocumentHighlight[]>('textDocument/documentHighlight', {
      textDocument: { uri: scratch.uri },
      position: { line, character },
    });

  it('marks the assignments of a variable as writes where make records them', async () => {
    const highlights = await highlightsAt(5, 11); // on $(CFLAGS) in the recipe
    const writes = linesOf(highlights, DocumentHighlightKind.Write);
    assert.deepEqual(writes, [1, 2, 8]);
    // Each write is the definition make records last when it has read the makefile up to that line.
    for (const line of writes) {
      const prefix = LINES.slice(0, line + 1).join('\n') + '\ndebug:;\n';
      await writeFile(path.join(scratch.folder, 'upto.mk'), prefix);
      const database = runMake(scratch.folder, ['-f', 'upto.mk', '-pq', 'debug']).stdout;
      assert.ok(
        database.includes(
          `# makefile (from 'upto.mk', line ${line + 1})\n${line === 8 ? 'debug: ' : ''}CFLAGS `,
        ),
        `make -p records CFLAGS at line ${line + 1}`,
      );
    }
  });

  it('marks the references of a variable as reads, exactly where make expands it', async () => {
    const highlights = await highlightsAt(1, 2); // on the definition `CFLAGS = -O2`
    const reads = linesOf(highlights, DocumentHighlightKind.Read);
    assert.deepEqual(reads, [5, 7, 10]);
    // With its assignments gone, make warns at every line where it expands CFLAGS.
    const writes = linesOf(highlights, DocumentHighlightKind.Write);
    const undefinedCflags = LINES.map((text, line) => (writes.includes(line) ? '' : text)).join('\n');
    await writeFile(path.join(scratch.folder, 'reads.mk'), undefinedCflags);
    const run = runMake(scratch.folder, [
      '-f',
      'reads.mk',
      '-n',
      '--warn-undefined-variables',
      'app',
      'debug',
    ]);
    const warned = [...run.stderr.matchAll(/reads\.mk:(\d+): warning: undefined variable 'CFLAGS'/g)].map(
      (match) => Number(match[1]) - 1,
    );
    assert.deepEqual(
      [...new Set(warned)].sort((a, b) => a - b),
      reads,
      run.stderr,
    );
  });

  it('highlights a one-letter variable written $O', async () => {
    const highlights = await highlightsAt(5, 21); // on the O of $O
    assert.deepEqual(linesOf(highlights, DocumentHighlightKind.Write), [3]);
    assert.deepEqual(linesOf(highlights, DocumentHighlightKind.Read), [5]);
    const read = highlights.find((highlight) => highlight.kind === DocumentHighlightKind.Read);
    assert.equal(LINES[5].slice(read?.range.start.character, read?.range.end.character), 'O');
  });

  it("marks a target's rule as write and the rules that list it as prerequisite as reads, as make -p has them", async () => {
    const highlights = await highlightsAt(9, 8); // on `app` in `debug: app`
    assert.deepEqual(linesOf(highlights, DocumentHighlightKind.Write), [4]);
    const reads = linesOf(highlights, DocumentHighlightKind.Read);
    assert.deepEqual(reads, [9, 11]);
    const database = runMake(scratch.folder, ['-pq', 'app']).stdout;
    // The Files section's `target: prerequisites` lines (a target-specific variable line holds `=`).
    const listing = (target: string): string[] =>
      database
        .split('\n')
        .filter((line) => line.startsWith(`${target}: `) && !line.includes('='))
        .flatMap((line) => line.slice(target.length + 2).split(/\s+/));
    for (const line of reads) {
      const target = LINES[line].split(':')[0];
      assert.ok(listing(target).includes('app'), `make -p lists app as a prerequisite of ${target}`);
    }
  });

  it('highlights nothing on an automatic variable', async () => {
    assert.deepEqual(await highlightsAt(5, LINES[5].indexOf('$@') + 1), []);
  });
});
