// The strace reader against a recorded traced build: make reads its makefiles, remakes gen.mk, re-executes and
// reads them again; each read is a span of its own, ending where that make's first recipe starts.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { StraceTimelineParser } from '../../../engine/timeline/straceTimelineParser';

const RECORDED = path.join(
  __dirname,
  '..',
  '..',
  'fixtures',
  'recorded',
  'strace-regenerated-include-4.3.txt',
);

function parse(makeNames?: string[]) {
  const parser = new StraceTimelineParser(makeNames);
  for (const line of readFileSync(RECORDED, 'utf8').split('\n')) parser.line(line);
  return parser.finish();
}

describe('strace timeline parser: makefile reads', function () {
  it('gives each make read its own span, before the remade gen.mk and again after make re-executes', function () {
    const { spans, reads, last, first } = parse();
    assert.deepEqual(
      spans.map((span) => span.target),
      ['gen.mk', 'all'],
    );
    assert.equal(reads.length, 2);
    const [gen, all] = spans;
    // Read 1: from make's start to the gen.mk recipe; read 2: from the re-execution to the recipe of all.
    assert.equal(reads[0].start, 0);
    assert.equal(reads[0].end, gen.start);
    assert.ok(reads[1].start >= gen.end, `the second read starts after gen.mk was remade`);
    assert.equal(reads[1].end, all.start);
    assert.ok(reads.every((read) => read.level === 0 && read.end > read.start));
    assert.ok(all.end <= last - first);
  });

  it('counts no read when make runs under another name than the ones given', function () {
    assert.deepEqual(parse(['gmake']).reads, []);
  });
});
