// The problem patterns package.json contributes for make tasks match make's and GCC's real error lines.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface ProblemPattern {
  name: string;
  regexp: string;
  file: number;
  line: number;
  column?: number;
  message: number;
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: {
    problemPatterns: ProblemPattern[];
    problemMatchers: Array<{ name: string; pattern: string }>;
  };
};

function match(
  name: string,
  line: string,
): { file: string; line: string; column?: string; message: string } | undefined {
  const pattern = manifest.contributes.problemPatterns.find((candidate) => candidate.name === name);
  assert.ok(pattern, `problem pattern ${name}`);
  const found = new RegExp(pattern.regexp).exec(line);
  if (!found) return undefined;
  return {
    file: found[pattern.file],
    line: found[pattern.line],
    column: pattern.column === undefined ? undefined : found[pattern.column],
    message: found[pattern.message],
  };
}

describe('problem matchers for make tasks', () => {
  it('every matcher refers to a contributed pattern', () => {
    const names = new Set(manifest.contributes.problemPatterns.map((pattern) => `$${pattern.name}`));
    for (const matcher of manifest.contributes.problemMatchers)
      assert.ok(names.has(matcher.pattern), matcher.name);
  });

  it('a failed recipe points at the rule (make 4.3 and sub-makes)', () => {
    assert.deepStrictEqual(match('makescope-make-recipe', 'make: *** [Makefile:12: build/calc.o] Error 1'), {
      file: 'Makefile',
      line: '12',
      column: undefined,
      message: '*** [Makefile:12: build/calc.o] Error 1',
    });
    assert.strictEqual(
      match('makescope-make-recipe', 'make[2]: *** [sub/Makefile:3: all] Error 2')?.file,
      'sub/Makefile',
    );
  });

  it('a makefile syntax error points at its line', () => {
    assert.deepStrictEqual(match('makescope-make-parse', 'Makefile:3: *** missing separator.  Stop.'), {
      file: 'Makefile',
      line: '3',
      column: undefined,
      message: '*** missing separator.  Stop.',
    });
    assert.strictEqual(
      match('makescope-make-parse', "make: *** No rule to make target 'x'.  Stop."),
      undefined,
    );
  });

  it('GCC-style diagnostics carry file, line, column and message', () => {
    assert.deepStrictEqual(match('makescope-gcc', "src/calc.c:7:5: error: expected ';' before 'return'"), {
      file: 'src/calc.c',
      line: '7',
      column: '5',
      message: "expected ';' before 'return'",
    });
    assert.strictEqual(
      match('makescope-gcc', 'src/main.c:3:10: fatal error: calc.h: No such file or directory')?.message,
      'calc.h: No such file or directory',
    );
  });

  it('the recipe pattern does not take a GCC line, nor the parse pattern a recipe failure', () => {
    assert.strictEqual(match('makescope-make-recipe', 'src/calc.c:7:5: error: x'), undefined);
    assert.strictEqual(match('makescope-make-parse', 'src/calc.c:7:5: error: x'), undefined);
  });
});
