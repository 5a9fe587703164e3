// Rules: kinds, targets, prerequisites, order-only lists and their ranges.
import * as assert from 'node:assert/strict';
import { at, parseMakefile, problemCodes, rules, single, textAt } from './parseHelpers';

const words = (list: { text: string }[]): string[] => list.map((w) => w.text);

describe('parser: rules', () => {
  it('parses an explicit rule with several targets, prerequisites and exact ranges', () => {
    const text = 'app lib: main.o  util.o\n';
    const rule = single(rules(parseMakefile(text)));
    assert.equal(rule.kind, 'explicit');
    assert.deepEqual(words(rule.targets), ['app', 'lib']);
    assert.deepEqual(words(rule.prerequisites), ['main.o', 'util.o']);
    assert.deepEqual(
      rule.targets.map((t) => at(t.range)),
      ['0:0-0:3', '0:4-0:7'],
    );
    assert.equal(at(rule.prerequisites[1].range), '0:17-0:23');
    assert.equal(at(rule.headerRange), '0:0-0:23');
    assert.equal(at(rule.range), '0:0-0:23');
  });

  it('splits order-only prerequisites after |, with or without blanks', () => {
    const [a, b] = rules(parseMakefile('a: b | dirs out\nc: d|e\n'));
    assert.deepEqual(words(a.prerequisites), ['b']);
    assert.deepEqual(words(a.orderOnly), ['dirs', 'out']);
    assert.equal(at(a.orderOnly[1].range), '0:12-0:15');
    assert.deepEqual(words(b.prerequisites), ['d']);
    assert.deepEqual(words(b.orderOnly), ['e']);
  });

  it('recognises pattern, static pattern, double-colon and grouped rules', () => {
    const text = '%.o: %.c\nobjs: %.o: %.c | dir\nclean:: x\na b &: c\n%.d:: %.c\n';
    const [pattern, staticPattern, doubleColon, grouped, terminal] = rules(parseMakefile(text));
    assert.equal(pattern.kind, 'pattern');
    assert.equal(staticPattern.kind, 'static-pattern');
    assert.equal(staticPattern.targetPattern?.text, '%.o');
    assert.equal(at(staticPattern.targetPattern?.range ?? staticPattern.range), '1:6-1:9');
    assert.deepEqual(words(staticPattern.targets), ['objs']);
    assert.deepEqual(words(staticPattern.prerequisites), ['%.c']);
    assert.deepEqual(words(staticPattern.orderOnly), ['dir']);
    assert.equal(doubleColon.kind, 'double-colon');
    assert.equal(doubleColon.doubleColon, true);
    assert.deepEqual(words(doubleColon.prerequisites), ['x']);
    assert.equal(grouped.kind, 'grouped');
    assert.deepEqual(words(grouped.targets), ['a', 'b']);
    assert.deepEqual(words(grouped.prerequisites), ['c']);
    assert.equal(terminal.kind, 'pattern');
    assert.equal(terminal.doubleColon, true);
  });

  it('keeps a reference with blanks or colons inside as one target word', () => {
    const text = '$(DIRS): prepare\n$(call out, a b): $(X:.c=.o) ${Y}\n';
    const [a, b] = rules(parseMakefile(text));
    assert.deepEqual(words(a.targets), ['$(DIRS)']);
    assert.deepEqual(words(a.prerequisites), ['prepare']);
    assert.deepEqual(words(b.targets), ['$(call out, a b)']);
    assert.deepEqual(words(b.prerequisites), ['$(X:.c=.o)', '${Y}']);
    assert.equal(textAt(text, b.prerequisites[0].range), '$(X:.c=.o)');
  });

  it('does not take a % inside a reference for a pattern rule', () => {
    const [a, b] = rules(parseMakefile('$(patsubst %.c,%.o,$(SRCS)): x\nbuild/%.o $(X): y\n'));
    assert.equal(a.kind, 'explicit');
    assert.equal(b.kind, 'pattern');
  });

  it('treats special targets as ordinary rules and keeps .WAIT as a prerequisite', () => {
    const text = '.PHONY: all clean\n.SUFFIXES:\n.DELETE_ON_ERROR:\nall: build .WAIT test\n';
    const list = rules(parseMakefile(text));
    assert.deepEqual(
      list.map((r) => r.targets[0].text),
      ['.PHONY', '.SUFFIXES', '.DELETE_ON_ERROR', 'all'],
    );
    assert.deepEqual(words(list[0].prerequisites), ['all', 'clean']);
    assert.deepEqual(words(list[3].prerequisites), ['build', '.WAIT', 'test']);
  });

  it('joins continued prerequisite lines and maps each word to its own line', () => {
    const text = 'all: one \\\n     two \\\n\tthree\n';
    const rule = single(rules(parseMakefile(text)));
    assert.deepEqual(words(rule.prerequisites), ['one', 'two', 'three']);
    assert.deepEqual(
      rule.prerequisites.map((p) => at(p.range)),
      ['0:5-0:8', '1:5-1:8', '2:1-2:6'],
    );
    assert.equal(at(rule.headerRange), '0:0-2:6');
  });

  it('drops a trailing comment from the rule line and records it', () => {
    const file = parseMakefile('all: a b # the default\n');
    const rule = single(rules(file));
    assert.deepEqual(words(rule.prerequisites), ['a', 'b']);
    assert.equal(at(rule.headerRange), '0:0-0:8');
    assert.equal(file.comments[0].text, '# the default');
  });

  it('accepts a rule without prerequisites and without targets', () => {
    const file = parseMakefile('clean:\n: orphan\n');
    const [clean, empty] = rules(file);
    assert.deepEqual(words(clean.prerequisites), []);
    assert.deepEqual(words(empty.targets), []);
    assert.deepEqual(problemCodes(file), []);
  });
});
