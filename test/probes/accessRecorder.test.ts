// The preloaded file-access recorder against strace, on real GNU make 4.3 and 4.4.1: the audit finds the same
// things either way, and a program the library cannot enter (built static) sends the build back to strace.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { auditProbe, type AuditOptions } from '../../engine/audit/auditProbe';
import type { AuditFinding, AuditResult } from '../../engine/audit/auditTypes';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake, type MakeUnderTest } from './support/makes';
import { unchanged } from './support/probeCheck';
import { withPrivateTmp } from './support/privateTmp';

const FIXTURES = [
  'audit-clean',
  'audit-every-class',
  'audit-recursive',
  'audit-side-object',
  'audit-stat-only',
  'audit-symlinked-header',
  'parallel-race-generated-header',
  'parallel-race-shared-temp',
];

function requireTools(): void {
  if (!['/usr/bin/strace', '/bin/strace'].some((file) => existsSync(file)))
    throw new Error('strace is missing: apt-get install strace (the audit traces a build)');
  if (!['/usr/bin/cc', '/usr/bin/gcc'].some((file) => existsSync(file)))
    throw new Error('cc is missing: apt-get install gcc (the preloaded recorder is compiled with it)');
  if (!existsSync('/usr/lib/x86_64-linux-gnu/libc.a') && !existsSync('/usr/lib/libc.a'))
    throw new Error(
      'libc.a is missing: apt-get install libc6-dev (the static-writer fixture links with -static)',
    );
}

/** What a user reads of a finding. */
function summary(finding: AuditFinding): string {
  const where = finding.rule ? `${path.basename(finding.rule.file)}:${finding.rule.line}` : 'no rule';
  return `${finding.kind} ${finding.target} ${finding.file}${finding.otherTarget !== undefined ? ` <- ${finding.otherTarget}` : ''} @${where}${finding.fix ? ` => ${finding.fix.resultingText}` : ''}`;
}

async function audit(
  fixture: string,
  make: MakeUnderTest,
  options: Partial<AuditOptions> = {},
): Promise<AuditResult> {
  const workspace: Workspace = await workspaceFrom(fixture);
  try {
    return await withPrivateTmp(() =>
      unchanged(workspace.directory, () =>
        auditProbe({ directory: workspace.directory, make: make.path, ...options }),
      ),
    );
  } finally {
    await workspace.dispose();
  }
}

for (const make of MAKES)
  describe(`preloaded access recorder, GNU make ${make.version}`, function () {
    before(() => {
      requireMake(make);
      requireTools();
    });

    for (const fixture of FIXTURES)
      it(`${fixture}: the same findings and targets as under strace`, async () => {
        const preloaded = await audit(fixture, make);
        const traced = await audit(fixture, make, { recorder: 'strace' });
        assert.equal(
          preloaded.tracing.state === 'traced' && preloaded.tracing.tool,
          'preloaded recorder',
          preloaded.notes.join('\n'),
        );
        assert.equal(traced.tracing.state === 'traced' && traced.tracing.tool, 'strace');
        assert.deepEqual(preloaded.findings.map(summary), traced.findings.map(summary));
        assert.equal(preloaded.auditedTargets, traced.auditedTargets);
        assert.equal(
          preloaded.tracing.state === 'traced' && preloaded.tracing.processes,
          traced.tracing.state === 'traced' && traced.tracing.processes,
        );
      });

    it('records a build again under strace when a static program ran, and finds what it wrote', async () => {
      const result = await audit('audit-static-writer', make);
      assert.equal(result.exitCode, 0, result.notes.join('\n'));
      assert.equal(result.tracing.state === 'traced' && result.tracing.tool, 'strace');
      assert.ok(
        result.notes.includes(
          'a program ran without the preloaded recorder (writer: static or setuid, started with an emptied environment, or a wrapper around make): the build was traced again under strace',
        ),
        result.notes.join('\n'),
      );
      assert.deepEqual(result.findings.filter((finding) => finding.target === 'reader.txt').map(summary), [
        'missing-prerequisite reader.txt out.txt <- out.txt @Makefile:11 => reader.txt: out.txt',
      ]);
    });

    it('records again under strace when the make it was given is a script around make', async () => {
      const folder = await mkdtemp(path.join(tmpdir(), 'makescope-wrapper-'));
      try {
        // The make it runs beside it: an isolated run sees the given program's folder under /tmp, not
        // another one (a checkout under /tmp keeps make 4.4.1 there).
        const real = path.join(folder, 'make');
        await copyFile(make.path, real);
        const wrapper = path.join(folder, 'make-wrapper');
        await writeFile(wrapper, `#!/bin/sh\nexec ${real} "$@"\n`, { mode: 0o755 });
        const result = await audit('audit-every-class', { ...make, path: wrapper });
        assert.equal(result.tracing.state === 'traced' && result.tracing.tool, 'strace');
        assert.ok(
          result.notes.some((note) =>
            note.startsWith('a program ran without the preloaded recorder (make-wrapper:'),
          ),
          result.notes.join('\n'),
        );
        assert.ok(
          result.findings.some(
            (finding) => finding.kind === 'missing-prerequisite' && finding.target === 'app.txt',
          ),
          [...result.findings.map(summary), ...result.notes].join('\n'),
        );
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });
  });
