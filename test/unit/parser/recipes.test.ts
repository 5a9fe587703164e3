// Recipes: which lines belong to a rule, prefixes, `;` recipes and what runs under make -n.
import * as assert from 'node:assert/strict';
import { at, conditionals, parseMakefile, problemCodes, rules, single, unknowns } from './parseHelpers';

describe('parser: recipes', () => {
  it('collects tab lines after a rule, across blank and comment lines', () => {
    const text = 'all: x\n\t@echo one\n\n# a make comment\n\t-rm -f y\n\t+$(MAKE) -C sub\nZ = 1\n';
    const file = parseMakefile(text);
    const rule = single(rules(file));
    assert.deepEqual(
      rule.recipe.map((r) => [r.text, r.prefixes, r.runsUnderDryRun]),
      [
        ['@echo one', '@', false],
        ['-rm -f y', '-', false],
        ['+$(MAKE) -C sub', '+', true],
      ],
    );
    assert.equal(at(rule.recipe[1].range), '4:1-4:9');
    assert.equal(at(rule.range), '0:0-5:16');
    assert.equal(at(rule.headerRange), '0:0-0:6');
    assert.equal(file.comments.length, 1);
  });

  it('reads a recipe given after ; on the rule line as the first recipe line', () => {
    const text = 'x: y ; @echo "# not a comment" ; true\n\techo two\n';
    const file = parseMakefile(text);
    const rule = single(rules(file));
    assert.deepEqual(
      rule.recipe.map((r) => r.text),
      ['@echo "# not a comment" ; true', 'echo two'],
    );
    assert.equal(at(rule.recipe[0].range), '0:7-0:37');
    assert.equal(rule.recipe[0].prefixes, '@');
    assert.equal(at(rule.headerRange), '0:0-0:37');
    assert.equal(file.comments.length, 0);
  });

  it('collects mixed prefixes in the order written, blanks between them allowed', () => {
    const rule = single(rules(parseMakefile('a:\n\t@ -+ echo hi\n\t-@true\n')));
    assert.deepEqual(
      rule.recipe.map((r) => r.prefixes),
      ['@-+', '-@'],
    );
    assert.equal(rule.recipe[0].runsUnderDryRun, true);
  });

  it('marks $(MAKE) and ${MAKE} lines as running under -n, but not $(MAKEFLAGS)', () => {
    const rule = single(rules(parseMakefile('a:\n\tcd sub && ${MAKE}\n\techo $(MAKEFLAGS)\n\t$(MAKE)\n')));
    assert.deepEqual(
      rule.recipe.map((r) => r.runsUnderDryRun),
      [true, false, true],
    );
  });

  it('keeps backslash-newlines of a continued recipe line as written', () => {
    const text = 'a:\n\techo one \\\n\t  two\n\techo three\n';
    const rule = single(rules(parseMakefile(text)));
    assert.deepEqual(
      rule.recipe.map((r) => r.text),
      ['echo one \\\n\t  two', 'echo three'],
    );
    assert.equal(at(rule.recipe[0].range), '1:1-2:6');
  });

  it('normalises CRLF inside a continued recipe line to \\n', () => {
    const rule = single(rules(parseMakefile('a:\r\n\techo one \\\r\n\ttwo\r\n')));
    assert.equal(rule.recipe[0].text, 'echo one \\\n\ttwo');
  });

  it('treats a tab line that looks like a directive or assignment as a recipe line after a rule', () => {
    const file = parseMakefile('a:\n\tifeq (x,y)\n\tX = 1\n\tinclude foo\n');
    const rule = single(rules(file));
    assert.deepEqual(
      rule.recipe.map((r) => r.text),
      ['ifeq (x,y)', 'X = 1', 'include foo'],
    );
    assert.deepEqual(problemCodes(file), []);
  });

  it('keeps collecting recipe lines through conditional directives inside a recipe', () => {
    const text = 'a:\n\techo always\nifdef V\n\techo verbose\nelse\n\techo quiet\nendif\n\techo after\n';
    const file = parseMakefile(text);
    const rule = single(rules(file));
    assert.deepEqual(
      rule.recipe.map((r) => r.text),
      ['echo always', 'echo verbose', 'echo quiet', 'echo after'],
    );
    assert.equal(single(conditionals(file)).branches.length, 2);
    assert.equal(at(rule.range), '0:0-7:11');
  });

  it('ends the recipe at an assignment or directive, after which a tab line has no rule', () => {
    const file = parseMakefile('a:\n\techo a\nX = 1\n\techo orphan\n');
    assert.equal(single(rules(file)).recipe.length, 1);
    assert.deepEqual(problemCodes(file), ['recipe-without-rule']);
    assert.equal(file.problems[0].message, 'recipe commences before first target');
    assert.equal(at(file.problems[0].range), '3:1-3:12');
    assert.equal(single(unknowns(file)).text, 'echo orphan');
  });

  it('ends the recipe at a line of references too, as make does for $(info ...)', () => {
    const file = parseMakefile('all:\n\techo a\n$(info x)\n\techo b\n');
    assert.equal(single(rules(file)).recipe.length, 1);
    assert.deepEqual(problemCodes(file), ['recipe-without-rule']);
  });

  it('accepts a tab-indented assignment or conditional before any rule', () => {
    const file = parseMakefile('ifdef X\n\tY = 1\nendif\n');
    assert.deepEqual(problemCodes(file), []);
  });

  it('reports a space-indented command after a rule as a recipe that needs a tab', () => {
    const file = parseMakefile('all: x\n    gcc -o all x.c\n\techo ok\n');
    assert.deepEqual(problemCodes(file), ['recipe-with-spaces']);
    const problem = file.problems[0];
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /missing separator/);
    assert.match(problem.message, /tab/);
    assert.equal(at(problem.range), '1:4-1:18');
    // The tab line after it still belongs to the rule.
    assert.deepEqual(
      single(rules(file)).recipe.map((r) => r.text),
      ['echo ok'],
    );
  });

  it('ignores whitespace-only recipe lines', () => {
    const rule = single(rules(parseMakefile('a:\n\t\n\t  \n\techo x\n')));
    assert.deepEqual(
      rule.recipe.map((r) => r.text),
      ['echo x'],
    );
  });
});
