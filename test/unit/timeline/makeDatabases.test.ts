// The output of a recursive `make -p` build split into its makes' databases and the log without them: make's version
// banner goes too, also when another recipe's output falls between it and its database (seen at -j2 in CI).
import * as assert from 'node:assert/strict';
import { makeDatabases } from '../../../engine/timeline/makeDatabases';

const banner = (version: string): string =>
  [
    `# GNU Make ${version}`,
    '# Built for x86_64-pc-linux-gnu',
    '# Copyright (C) 1988-2023 Free Software Foundation, Inc.',
    '# License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>',
    '# This is free software: you are free to change and redistribute it.',
    '# There is NO WARRANTY, to the extent permitted by law.',
    '',
    '',
  ].join('\n');

const database = (level: number, directory: string, shell: string): string =>
  [
    '# Make data base, printed on Mon Dec  7 01:00:00 2026',
    '',
    '# Variables',
    '',
    '# makefile',
    `SHELL = ${shell}`,
    '# makefile',
    'SHELL_PATH = /bin/bash',
    '# makefile',
    `CURDIR := ${directory}`,
    '# environment',
    `MAKELEVEL := ${level}`,
    '',
    '# Finished Make data base on Mon Dec  7 01:00:00 2026',
    '',
    '',
  ].join('\n');

describe('make databases of a recursive -p build', function () {
  it('keeps the recipes output, without the databases and banners, one before its database and one apart', function () {
    const output =
      'cc -c a.c\n' +
      banner('4.4.1') +
      'a recipe line between\n' +
      database(1, '/p/sub', '/bin/sh') +
      '# a recipe that prints a comment\n' +
      banner('4.4.1') +
      database(0, '/p', '$(SHELL_PATH)');
    const { graphs, log } = makeDatabases(output);
    assert.equal(log, 'cc -c a.c\na recipe line between\n# a recipe that prints a comment\n');
    assert.deepEqual([...graphs.keys()], ['1|/p/sub', '0|/p']);
    assert.equal(
      graphs.get('0|/p')?.shell,
      '/bin/bash',
      'SHELL = $(SHELL_PATH) read with the reference put in',
    );
  });

  it("names the targets with a recipe that set their own SHELL, not the recorder's pattern or an append", function () {
    const script = '/tmp/iso/files/recipe-recorder.sh';
    // As make 4.3 prints them: a pattern-specific value with `:=` and its own text only, appends included.
    const output = [
      '# Make data base, printed on Mon Dec  7 01:00:00 2026',
      '',
      '# Variables',
      '',
      '# makefile',
      'CURDIR := /p',
      '',
      '# Pattern-specific Variable Values',
      '',
      '% :',
      '# makefile private',
      `# SHELL := ${script}`,
      '',
      '%.x :',
      "# makefile (from 'Makefile', line 14)",
      '# SHELL := /bin/bash',
      '',
      '# 2 pattern-specific variable values',
      '',
      '# Files',
      '',
      "# makefile (from 'Makefile', line 11)",
      'b: SHELL := /bin/bash',
      'b:',
      '#  Last modified 2026-12-07 03:15:25.187813481',
      "#  recipe to execute (from 'Makefile', line 13):",
      '\t@sleep 0.3; echo b > $@',
      '',
      "# makefile private (from 'Makefile', line 17)",
      'd: SHELL += -e',
      'd:',
      "#  recipe to execute (from 'Makefile', line 19):",
      '\t@echo d > $@',
      '',
      'c.x:',
      "#  recipe to execute (from 'Makefile', line 16):",
      '\t@echo c > $@',
      '',
      'a:',
      "#  recipe to execute (from 'Makefile', line 10):",
      '\t@echo $(SHELL) > $@',
      '',
      'c.y:',
      '',
      '# Finished Make data base on Mon Dec  7 01:00:00 2026',
      '',
      `/bin/sh ${script}`,
      '',
    ].join('\n');
    const { graphs, log } = makeDatabases(output, script);
    assert.deepEqual(graphs.get('0|/p')?.ownShells, [
      { target: 'b', file: 'Makefile', line: 11 },
      { target: 'c.x', file: 'Makefile', line: 14 },
    ]);
    assert.equal(
      log,
      '/bin/sh\n',
      "an echoed $(SHELL) shows the makefile's shell, not the recorder's script",
    );
  });
});
