// Logical lines: continuations, comments, line endings and the positions they map back to.
import * as assert from 'node:assert/strict';
import { assignments, at, parseMakefile, rules, single, textAt } from './parseHelpers';

describe('parser: lines, continuations and comments', () => {
  it('joins a continued value with one space and maps the value range back to the source', () => {
    const text = 'CFLAGS := -O2 \\\n     -g   \\\n  -Wall\n';
    const a = single(assignments(parseMakefile(text)));
    assert.equal(a.value, '-O2 -g -Wall');
    assert.equal(at(a.valueRange), '0:10-2:7');
    assert.equal(at(a.range), '0:0-2:7');
  });

  it('halves backslash pairs before a continuation, as make does', () => {
    const a = single(assignments(parseMakefile('Y = a\\\\\\\n  b\n')));
    assert.equal(a.value, 'a\\ b');
  });

  it('merges consecutive continuations into a single space', () => {
    const a = single(assignments(parseMakefile('V = \\\n  \\\n  v\n')));
    assert.equal(a.value, 'v');
  });

  it('keeps trailing whitespace in a value but drops the comment', () => {
    const file = parseMakefile('W = x   # c\n');
    const a = single(assignments(file));
    assert.equal(a.value, 'x   ');
    assert.equal(at(a.valueRange), '0:4-0:8');
    assert.equal(file.comments.length, 1);
    assert.equal(file.comments[0].text, '# c');
    assert.equal(at(file.comments[0].range), '0:8-0:11');
  });

  it('unquotes \\# in values and halves backslash pairs before a real comment', () => {
    const [d, e] = assignments(parseMakefile('D = x \\# y # z\nE = x\\\\#y\n'));
    assert.equal(d.value, 'x # y ');
    assert.equal(e.value, 'x\\');
  });

  it('continues a comment onto the next line with a backslash', () => {
    const file = parseMakefile('# one \\\nstill comment\nA = 1\n');
    assert.equal(file.comments.length, 1);
    assert.equal(at(file.comments[0].range), '0:0-1:13');
    assert.equal(single(assignments(file)).name.text, 'A');
  });

  it('handles CRLF line endings without leaking \\r into values or ranges', () => {
    const text = 'A = 1\r\nB = x\\\r\n  y\r\nall: a\r\n\techo hi\r\n';
    const file = parseMakefile(text);
    const [a, b] = assignments(file);
    assert.equal(a.value, '1');
    assert.equal(b.value, 'x y');
    assert.equal(at(b.valueRange), '1:4-2:3');
    const rule = single(rules(file));
    assert.equal(at(rule.targets[0].range), '3:0-3:3');
    assert.equal(rule.recipe[0].text, 'echo hi');
    assert.equal(at(rule.recipe[0].range), '4:1-4:8');
    assert.equal(file.lineCount, 6);
  });

  it('treats a lone CR as a line break, like an editor does', () => {
    const file = parseMakefile('A = 1\rB = 2\r');
    const [a, b] = assignments(file);
    assert.equal(a.value, '1');
    assert.equal(b.value, '2');
    assert.equal(at(b.name.range), '1:0-1:1');
  });

  it('counts positions in UTF-16 code units', () => {
    const text = 'X = é😀 $(Y)\n';
    const file = parseMakefile(text);
    const ref = single(file.references);
    assert.equal(at(ref.range), '0:8-0:12');
    assert.equal(textAt(text, ref.range), '$(Y)');
  });

  it('reports the line count of the text (a trailing newline opens an empty last line)', () => {
    assert.equal(parseMakefile('').lineCount, 1);
    assert.equal(parseMakefile('a\nb').lineCount, 2);
    assert.equal(parseMakefile('a\nb\n').lineCount, 3);
  });
});
