// The pure output parsers on recorded outputs of real GNU make runs (test/fixtures/recorded, NAME.cmd = command).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseVersionBanner, parseFeatures } from '../../engine/probes/capabilities';
import { DatabaseParser, parseDatabase } from '../../engine/probes/parsers/databaseParser';
import { parseResolvedValues } from '../../engine/probes/parsers/resolvedValuesParser';
import { parseStraceCommands } from '../../engine/probes/parsers/straceParser';
import { isPhony, parseTrace } from '../../engine/probes/parsers/traceParser';
import { repoRoot } from './support/makes';

const recorded = (name: string): string => {
  const folder = path.join(repoRoot, 'test', 'fixtures', 'recorded');
  assert.ok(readFileSync(path.join(folder, `${name}.cmd`), 'utf8').includes('make'), 'the command is kept');
  return readFileSync(path.join(folder, `${name}.txt`), 'utf8');
};

describe('trace parser (recorded make -n --trace)', () => {
  for (const version of ['4.3', '4.4.1']) {
    it(`follows the sub-make and names reasons and recipes (${version})`, () => {
      const trace = parseTrace(recorded(`trace-recursive-stale-${version}`));
      assert.deepEqual(
        trace.targets.map((t) => [t.name, t.file, t.line, t.session]),
        [
          ['all', 'Makefile', 4, 0],
          ['foo.o', 'Makefile', 6, 1],
          ['libfoo.a', 'Makefile', 3, 1],
        ],
      );
      assert.equal(isPhony(trace, trace.targets[0]), true, 'all is phony (4.4 says so, 4.3 via -p)');
      assert.equal(isPhony(trace, trace.targets[1]), false);
      assert.deepEqual(trace.targets[1].reason, {
        kind: 'newer-prerequisites',
        prerequisites: ['foo.c'],
        text: 'foo.c',
      });
      assert.deepEqual(trace.targets[1].recipe, ['cp foo.c foo.o']);
      assert.equal(trace.targets[0].recipe[0], 'echo "building lib"');
      assert.deepEqual(trace.targets[0].subMakes, [1]);
      assert.equal(trace.sessions[1].level, 1);
      assert.match(trace.sessions[1].directory ?? '', /recursive-echo-submake\/lib$/);
      assert.equal(trace.sessions[1].parentTarget, 0);
    });
  }

  it('reads both ways make says a target is missing', () => {
    assert.equal(parseTrace(recorded('trace-missing-target-4.4.1')).targets[0].reason.kind, 'missing');
    // 4.3 lists every prerequisite for a missing target; the probe checks the file system.
    assert.deepEqual(parseTrace(recorded('trace-missing-target-4.3')).targets[0].reason.prerequisites, [
      'data.txt',
    ]);
    assert.equal(parseTrace("Makefile:2: target 'x' does not exist\n").targets[0].reason.kind, 'missing');
  });

  it('handles built-in rules, up-to-date goals and errors', () => {
    const trace = parseTrace(
      "<builtin>: update target 'a.o' due to: a.c\ncc -c -o a.o a.c\nmake: 'b' is up to date.\nmake: *** No rule to make target 'c'.  Stop.\n",
    );
    assert.equal(trace.targets[0].builtin, true);
    assert.equal(trace.targets[0].file, undefined);
    assert.deepEqual(trace.sessions[0].upToDate, ['b']);
    assert.equal(trace.sessions[0].errors.length, 1);
  });
});

describe('database parser (recorded make -pq)', () => {
  for (const version of ['4.3', '4.4.1']) {
    it(`reads variables with origin, flavor, value, file:line and target-specific values (${version})`, () => {
      const db = parseDatabase(recorded(`database-target-specific-${version}`));
      assert.equal(db.makeVersion, version);
      const cflags = db.variables.find((v) => v.name === 'CFLAGS');
      assert.deepEqual(cflags, {
        name: 'CFLAGS',
        origin: 'makefile',
        flavor: 'recursive',
        value: '-O2',
        file: 'Makefile',
        line: 2,
        private: false,
      });
      assert.equal(db.variables.find((v) => v.name === 'OPT_LEVEL')?.flavor, 'simple');
      assert.equal(db.variables.find((v) => v.name === 'CC')?.origin, 'default');
      const debug = db.files.find((f) => f.name === 'debug');
      assert.deepEqual(debug?.prerequisites, ['app']);
      assert.deepEqual(
        debug?.targetVariables.map((v) => [v.name, v.flavor, v.value, v.file, v.line]),
        [['CFLAGS', 'append', '-g', 'Makefile', 4]],
      );
      const app = db.files.find((f) => f.name === 'app');
      assert.deepEqual(app?.recipe, {
        lines: ['@echo cc $(CFLAGS) -o app main.c', 'cp main.c app'],
        file: 'Makefile',
        line: 8,
        builtin: false,
      });
      assert.equal(app?.state, 'missing');
    });
  }

  it('reads pattern rules and vpath (4.4.1)', () => {
    const db = parseDatabase(recorded('database-pattern-rules-4.4.1'));
    const rule = db.patternRules.find((r) => r.recipe?.file === 'Makefile');
    assert.deepEqual(rule?.targets, ['%.o']);
    assert.deepEqual(rule?.prerequisites, ['%.c']);
    assert.equal(rule?.recipe?.line, 9);
    assert.deepEqual(db.vpaths, [{ pattern: '%.c', directories: ['src'] }]);
  });

  for (const version of ['4.3', '4.4.1']) {
    it(`keeps backslash-continued recipe lines that start with spaces in the recipe, not as rules (${version})`, () => {
      const db = parseDatabase(recorded(`database-recipe-continuation-${version}`));
      const own = db.files.filter((f) => f.isTarget && !f.builtin && !f.name.startsWith('.'));
      assert.deepEqual(own.map((f) => f.name).sort(), ['all', 'lines.txt']);
      assert.equal(
        db.files.some((f) => f.name.includes("-e '")),
        false,
        'no shell fragment is read as a file',
      );
      assert.deepEqual(db.files.find((f) => f.name === 'lines.txt')?.recipe?.lines, [
        "@perl -ne 'print if /a/' \\\n    -e ' && !/x/' \\\n    -e 'print \"key: value\\n\"' input.txt > $@",
      ]);
      assert.deepEqual(db.files.find((f) => f.name === 'lines.txt')?.prerequisites, ['input.txt']);
    });
  }

  it('gives the same model whatever the chunking of the stream', () => {
    const text = recorded('database-target-specific-4.4.1');
    const whole = parseDatabase(text);
    const parser = new DatabaseParser();
    for (let i = 0; i < text.length; i += 7) parser.push(text.slice(i, i + 7));
    assert.deepEqual(parser.finish(), whole);
  });

  it('reads order-only prerequisites, double-colon rules, phony, define and override', () => {
    const db = parseDatabase(
      [
        '# Make data base, printed on now',
        '# Variables',
        "# 'override' directive (from 'm.mk', line 9)",
        'O = 1',
        "# makefile (from 'm.mk', line 5)",
        'define MULTI',
        'a',
        'b',
        'endef',
        '# Files',
        '',
        'x: y | z',
        '#  Phony target (prerequisite of .PHONY).',
        '',
        'd:: e',
        "#  recipe to execute (from 'm.mk', line 4):",
        '\techo 1',
        '',
        '# Finished Make data base on now',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      db.variables.map((v) => [v.name, v.origin, v.value]),
      [
        ['O', "'override' directive", '1'],
        ['MULTI', 'makefile', 'a\nb'],
      ],
    );
    assert.deepEqual(
      db.files.map((f) => [f.name, f.prerequisites, f.orderOnly, f.phony, f.doubleColon]),
      [
        ['x', ['y'], ['z'], true, false],
        ['d', ['e'], [], false, true],
      ],
    );
  });
});

describe('small parsers', () => {
  it('reads the version banner and .FEATURES', () => {
    assert.deepEqual(parseVersionBanner('GNU Make 4.4.1\nBuilt for x86_64-pc-linux-gnu\n'), {
      major: 4,
      minor: 4,
      patch: 1,
      text: '4.4.1',
    });
    assert.equal(parseVersionBanner('\n'), undefined, 'bmake prints an empty line');
    assert.equal(
      parseVersionBanner('# GNU Make 4.3\n# Built for x86_64-pc-linux-gnu\n')?.text,
      '4.3',
      'make -p',
    );
    assert.deepEqual(parseFeatures('.FEATURES := target-specific order-only\n'), [
      'target-specific',
      'order-only',
    ]);
  });

  it('reads marked resolved values, multi-line included', () => {
    const out =
      'noise\n@@n1@@A@@recursive@@file@@x\ny@@n1-end@@\n@@n1@@B@@undefined@@undefined@@@@n1-end@@\n';
    assert.deepEqual(parseResolvedValues(out, 'n1'), [
      { name: 'A', flavor: 'recursive', origin: 'file', value: 'x\ny' },
      { name: 'B', flavor: 'undefined', origin: 'undefined', value: '' },
    ]);
  });

  it('times the commands make started, folding their children in', () => {
    const out = [
      '100 1.000000 execve("/usr/bin/make", ["make", "-q"], 0x1 /* 3 vars */) = 0',
      '101 1.100000 execve("/bin/sh", ["/bin/sh", "-c", "sleep 0.2; echo a"], 0x1 /* 3 vars */) = 0',
      '102 1.110000 execve("/usr/bin/sleep", ["sleep", "0.2"], 0x1 /* 3 vars */) = 0',
      '102 1.310000 +++ exited with 0 +++',
      '101 1.320000 +++ exited with 0 +++',
      '103 1.400000 execve("/usr/bin/echo", ["echo", "b"], 0x1 /* 3 vars */) = 0',
      '103 1.405000 +++ exited with 0 +++',
      '100 1.500000 +++ exited with 0 +++',
    ].join('\n');
    const commands = parseStraceCommands(out);
    assert.deepEqual(
      commands.map((c) => [c.command, Math.round(c.durationMs)]),
      [
        ['sleep 0.2; echo a', 220],
        ['echo b', 5],
      ],
    );
  });
});
