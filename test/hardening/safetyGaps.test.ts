// Parse-time commands the safety check once took for read-only: each is now a risk that keeps a probe from running in place.
import * as assert from 'node:assert/strict';
import { choosePlacement } from '../../engine/probes/placement';
import { assessSafety } from '../../engine/probes/safety';
import { shellCommandIsReadOnly } from '../../engine/probes/safetyRules';
import { scratchProject } from './support/scratch';
import { tally } from './support/tally';

const WRITING = [
  'sort -o sorted.txt src/a.c',
  'find . -name "*.tmp" -delete',
  'find . -exec rm {} ;',
  'command rm -f x',
  'uniq in.txt out.txt',
  'date -s 2000-01-01',
  'hostname other',
  'sed s/a/b/w out.txt in.txt',
  'sed --in-place s/a/b/ f',
  `awk 'BEGIN { system("rm x") }'`,
];
const READING = [
  'sort src/a.c',
  'find src -name "*.c"',
  'uniq -c in.txt',
  'date +%s',
  'hostname -f',
  'uname -a',
];

describe('hardening: commands that write despite a read-only name', () => {
  it('options and operands that write are not read-only; plain reads still are', () => {
    for (const command of WRITING) assert.equal(shellCommandIsReadOnly(command), false, command);
    for (const command of READING) assert.equal(shellCommandIsReadOnly(command), true, command);
    tally('safety check cases', WRITING.length + READING.length);
  });

  it('a $$(shell ...) prerequisite under .SECONDEXPANSION is a risk (make -q runs it)', async () => {
    const project = await scratchProject({
      Makefile: '.SECONDEXPANSION:\nall: $$(shell touch second-stamp)\n\t@echo hi\n',
    });
    try {
      const report = await assessSafety(project.directory);
      assert.deepEqual(
        report.risks.map((r) => [r.kind, r.line, r.text]),
        [['parse-time-shell', 2, '$$(shell']],
      );
    } finally {
      await project.dispose();
    }
    tally('safety check cases', 1);
  });

  it('a makefile that assigns SHELL makes every $(shell ...) a risk, even `echo`', async () => {
    const project = await scratchProject({
      Makefile: 'SHELL := ./logging-shell\nY := $(shell echo read-only)\nall: ; @echo $(Y)\n',
    });
    try {
      const report = await assessSafety(project.directory);
      assert.deepEqual(
        report.risks.map((r) => [r.kind, r.line]),
        [['parse-time-shell', 2]],
      );
      // Where namespaces are refused, the risk is what keeps the probe from running in place.
      const withoutIsolation = choosePlacement({
        policy: 'auto',
        risks: report.risks,
        builds: false,
        isolation: { kind: 'none', why: 'test' },
        root: { root: project.directory, why: 'test' },
      });
      assert.equal(withoutIsolation.where, 'copy');
    } finally {
      await project.dispose();
    }
    tally('safety check cases', 1);
  });
});
