// Variable assignments: operators, modifiers, define blocks, target-specific and computed names.
import * as assert from 'node:assert/strict';
import { assignments, at, directives, parseMakefile, problemCodes, single, textAt } from './parseHelpers';

describe('parser: assignments', () => {
  it('recognises every assignment operator with exact name and value ranges', () => {
    const text = 'A = 1\nB := 2\nC ::= 3\nD :::= 4\nE ?= 5\nF += 6\nG != echo 7\nH=8\n';
    const list = assignments(parseMakefile(text));
    assert.deepEqual(
      list.map((a) => [a.name.text, a.operator, a.value]),
      [
        ['A', '=', '1'],
        ['B', ':=', '2'],
        ['C', '::=', '3'],
        ['D', ':::=', '4'],
        ['E', '?=', '5'],
        ['F', '+=', '6'],
        ['G', '!=', 'echo 7'],
        ['H', '=', '8'],
      ],
    );
    for (const a of list) {
      assert.equal(textAt(text, a.name.range), a.name.text);
      assert.equal(textAt(text, a.valueRange), a.value);
    }
    assert.equal(at(list[3].range), '3:0-3:8');
  });

  it('strips leading whitespace from the value and allows an empty value', () => {
    const [a, b] = assignments(parseMakefile('A =    spaced\nB =\n'));
    assert.equal(a.value, 'spaced');
    assert.equal(at(a.valueRange), '0:7-0:13');
    assert.equal(b.value, '');
    assert.equal(at(b.valueRange), '1:3-1:3');
  });

  it('keeps names that contain other operator characters', () => {
    const a = single(assignments(parseMakefile('a+b = c\n')));
    assert.equal(a.name.text, 'a+b');
    assert.equal(a.operator, '=');
  });

  it('collects modifiers in any combination and order', () => {
    const list = assignments(
      parseMakefile('override export X := 1\nexport override Y = 2\nprivate Z = 3\nunexport W += 4\n'),
    );
    assert.deepEqual(
      list.map((a) => [a.name.text, a.modifiers]),
      [
        ['X', ['override', 'export']],
        ['Y', ['export', 'override']],
        ['Z', ['private']],
        ['W', ['unexport']],
      ],
    );
    assert.equal(at(list[0].range), '0:0-0:22');
    assert.equal(at(list[0].name.range), '0:16-0:17');
  });

  it('lets variables be named like directives', () => {
    const list = assignments(parseMakefile('include = 1\nifdef := 2\nexport = 3\n'));
    assert.deepEqual(
      list.map((a) => a.name.text),
      ['include', 'ifdef', 'export'],
    );
  });

  it('parses define blocks with an operator, nested defines and exact ranges', () => {
    const text = 'define TWO_LINES :=\n  one \\\n two\n\tthree\n  define INNER\n  endef\nendef # done\n';
    const file = parseMakefile(text);
    const a = single(assignments(file));
    assert.equal(a.define, true);
    assert.equal(a.name.text, 'TWO_LINES');
    assert.equal(a.operator, ':=');
    assert.equal(a.value, '  one two\n\tthree\n  define INNER\n  endef');
    assert.equal(at(a.name.range), '0:7-0:16');
    assert.equal(at(a.valueRange), '1:0-5:7');
    assert.equal(at(a.range), '0:0-6:5');
    assert.deepEqual(problemCodes(file), []);
    assert.equal(file.comments[0].text, '# done');
  });

  it('defaults define to "=" and ends it only at an endef not starting with the recipe prefix', () => {
    const a = single(assignments(parseMakefile('define X\n\tendef\nendef\n')));
    assert.equal(a.operator, '=');
    assert.equal(a.value, '\tendef');
  });

  it('accepts modifiers before define', () => {
    const a = single(assignments(parseMakefile('override export define X\nx\nendef\n')));
    assert.deepEqual(a.modifiers, ['override', 'export']);
    assert.equal(a.define, true);
    assert.equal(a.value, 'x');
  });

  it('gives an empty define an empty value', () => {
    const a = single(assignments(parseMakefile('define EMPTY\nendef\n')));
    assert.equal(a.value, '');
  });

  it('reports an unterminated define at its opening line and keeps the body', () => {
    const file = parseMakefile('define OPEN\nbody\nmore\n');
    const a = single(assignments(file));
    assert.equal(a.value, 'body\nmore\n');
    assert.deepEqual(problemCodes(file), ['unterminated-define']);
    assert.equal(at(file.problems[0].range), '0:0-0:11');
  });

  it('records target- and pattern-specific assignments with their targets', () => {
    const text = 'debug release: CFLAGS += -g\n%.o: private X = 1\nfoo: override export Y := a;b # c\n';
    const [a, b, c] = assignments(parseMakefile(text));
    assert.deepEqual(
      a.targets?.map((t) => t.text),
      ['debug', 'release'],
    );
    assert.equal(a.name.text, 'CFLAGS');
    assert.equal(a.operator, '+=');
    assert.equal(a.value, '-g');
    assert.equal(at(a.range), '0:0-0:27');
    assert.equal(at(a.targets?.[1].range ?? a.range), '0:6-0:13');
    assert.deepEqual(b.modifiers, ['private']);
    assert.equal(b.targets?.[0].text, '%.o');
    // Once make has seen the `;` it keeps the rest of the line, comment included (checked with make 4.3).
    assert.equal(c.value, 'a;b # c');
    assert.deepEqual(c.modifiers, ['override', 'export']);
  });

  it('marks computed names and records the references inside them', () => {
    const file = parseMakefile('OBJS-$(CONFIG_X) += a.o\n');
    const a = single(assignments(file));
    assert.equal(a.computedName, true);
    assert.equal(a.name.text, 'OBJS-$(CONFIG_X)');
    const ref = single(file.references);
    assert.equal(ref.name, 'CONFIG_X');
    assert.equal(ref.context, 'assignment-name');
    assert.equal(at(ref.range), '0:5-0:16');
  });

  it('turns export/unexport without values and undefine into variable directives', () => {
    const text = 'export A B C\nunexport D\nexport\nundefine E\noverride undefine F\n';
    const list = directives(parseMakefile(text));
    assert.deepEqual(
      list.map((d) => [d.directive, d.names.map((n) => n.text), d.modifiers]),
      [
        ['export', ['A', 'B', 'C'], []],
        ['unexport', ['D'], []],
        ['export', [], []],
        ['undefine', ['E'], []],
        ['undefine', ['F'], ['override']],
      ],
    );
    assert.equal(at(list[0].names[2].range), '0:11-0:12');
    assert.equal(at(list[4].range), '4:0-4:19');
  });

  it('changes the recipe prefix with .RECIPEPREFIX for the lines that follow', () => {
    const file = parseMakefile('.RECIPEPREFIX = >\nall:\n> echo hi\n\tnot a recipe\n');
    assert.equal(file.recipePrefix, '>');
    const rule = file.statements.find((s) => s.type === 'rule');
    assert.ok(rule && rule.type === 'rule');
    assert.deepEqual(
      rule.recipe.map((r) => r.text),
      [' echo hi'],
    );
  });
});
