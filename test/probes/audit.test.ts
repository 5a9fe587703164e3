// Dependency audit on real GNU make 4.3 and 4.4.1 with strace: each finding class with make's file:line and the fix.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { auditProbe } from '../../engine/audit/auditProbe';
import { verifyFix } from '../../engine/audit/fixVerification';
import type { AuditFinding, AuditFix, AuditResult } from '../../engine/audit/auditTypes';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake, type MakeUnderTest } from './support/makes';
import { unchanged } from './support/probeCheck';
import { withPrivateTmp } from './support/privateTmp';

function requireTools(): void {
  if (!['/usr/bin/strace', '/bin/strace'].some((file) => existsSync(file)))
    throw new Error('strace is missing: apt-get install strace (the audit traces a build)');
  if (!['/usr/bin/gcc', '/bin/gcc'].some((file) => existsSync(file)))
    throw new Error(
      'gcc is missing: apt-get install gcc (the audit-every-class fixture compiles C with -MMD)',
    );
}

async function audit(workspace: Workspace, make: MakeUnderTest): Promise<AuditResult> {
  return withPrivateTmp(() =>
    unchanged(workspace.directory, () => auditProbe({ directory: workspace.directory, make: make.path })),
  );
}

/** What a user reads: class, target, file, the other target, make's line and the fixed line. */
function summary(finding: AuditFinding): string {
  const where = finding.rule ? `${path.basename(finding.rule.file)}:${finding.rule.line}` : 'no rule';
  const fix = finding.fix ? ` => line ${finding.fix.start.line + 1}: ${finding.fix.resultingText}` : '';
  return `${finding.kind} ${finding.severity} ${finding.target} ${finding.file}${finding.otherTarget !== undefined ? ` <- ${finding.otherTarget}` : ''} @${where}${fix}`;
}

/** Applies the edits to the makefile, last position first so earlier positions stay valid. */
async function applyFixes(fixes: AuditFix[]): Promise<void> {
  const file = fixes[0].file;
  const lines = (await readFile(file, 'utf8')).split('\n');
  const offsets = (at: { line: number; character: number }): number =>
    lines.slice(0, at.line).reduce((sum, line) => sum + line.length + 1, 0) + at.character;
  let text = lines.join('\n');
  for (const fix of [...fixes].sort((a, b) => offsets(b.start) - offsets(a.start)))
    text = text.slice(0, offsets(fix.start)) + fix.newText + text.slice(offsets(fix.end));
  await writeFile(file, text);
}

for (const make of MAKES) {
  describe(`dependency audit with GNU make ${make.version}`, function () {
    let workspace: Workspace | undefined;
    before(() => {
      requireMake(make);
      requireTools();
    });
    afterEach(async () => {
      await workspace?.dispose();
      workspace = undefined;
    });

    it('finds nothing in a race-free, fully declared build with a makefile and a FORCE trigger', async () => {
      workspace = await workspaceFrom('audit-clean');
      const result = await audit(workspace, make);
      assert.equal(result.exitCode, 0, result.notes.join('\n'));
      assert.equal(result.tracing.state, 'traced');
      assert.deepEqual(result.findings.map(summary), []);
      assert.equal(result.auditedTargets, 4);
    });

    it("does not name a sub-make's own outputs as side outputs of the target that ran $(MAKE)", async () => {
      workspace = await workspaceFrom('audit-recursive');
      const result = await audit(workspace, make);
      assert.equal(result.exitCode, 0, result.notes.join('\n'));
      // make itself: the sub-make built both files, and its own makefile names them as targets.
      assert.ok(existsSync(path.join(workspace.directory, 'lib', 'Makefile')));
      assert.deepEqual(result.findings.map(summary), []);
      assert.deepEqual(result.graph.edges.map((e) => `${e.from} -> ${e.to} ${e.kind}`).sort(), [
        'all -> app.txt declared',
        'app.txt -> lib declared',
      ]);
    });

    it('tells an existence check from a read: order-only for an undeclared one, and a declared one stays unread', async () => {
      workspace = await workspaceFrom('audit-stat-only');
      const result = await audit(workspace, make);
      assert.equal(result.exitCode, 0, result.notes.join('\n'));
      assert.deepEqual(result.findings.map(summary), [
        'missing-order-only-prerequisite warning ready.txt flag.txt <- flag.txt @Makefile:10 => line 10: ready.txt: | flag.txt',
        'unread-prerequisite warning report.txt input.txt @Makefile:13 => line 13: report.txt: data.txt',
      ]);
      assert.match(result.findings[0].message, /'ready\.txt' checks that flag\.txt exists/);
    });

    it('finds one of each class with make file:line and the fix, and the fixed makefile keeps only the deliberate ones', async () => {
      workspace = await workspaceFrom('audit-every-class');
      const result = await audit(workspace, make);
      assert.equal(result.exitCode, 0, result.notes.join('\n'));
      assert.deepEqual(result.findings.map(summary), [
        'missing-prerequisite warning app.txt gen.h <- gen.h @Makefile:9 => line 9: app.txt: data.txt gen.h',
        // check's recipe is `test -s app.txt`: an existence check, not a read.
        'missing-order-only-prerequisite warning check app.txt <- app.txt @Makefile:33 => line 33: check: | app.txt',
        'missing-order-only-prerequisite warning logs/run.txt logs <- logs @Makefile:29 => line 29: logs/run.txt: | logs',
        'shared-output warning twice-a twice-a <- twice-b @Makefile:37 => line 40: twice-b: twice-a',
        'unwritten-target warning check check @Makefile:33 => line 33: .PHONY: check',
        'unread-prerequisite warning notes.txt extra.txt @Makefile:13 => line 13: notes.txt: data.txt',
        'side-output info lib.o lib.d @Makefile:22',
        'side-output warning table.txt table.count @Makefile:17 => line 20: table.count: table.txt ;',
      ]);
      // The graph view's edges: the findings laid over make's declared graph.
      assert.deepEqual(
        result.graph.edges.filter((e) => e.kind !== 'declared').map((e) => `${e.from} -> ${e.to} ${e.kind}`),
        [
          'notes.txt -> extra.txt unread',
          'app.txt -> gen.h observed-only',
          'check -> app.txt observed-only',
          'logs/run.txt -> logs observed-only',
          'lib.o -> lib.d side-output',
          'table.txt -> table.count side-output',
        ],
      );
      assert.deepEqual(result.graph.nodes.find((n) => n.name === 'app.txt')?.rule, {
        file: path.join(workspace.directory, 'Makefile'),
        line: 9,
      });
      const [missing] = result.findings;
      assert.equal(missing.rule?.file, path.join(workspace.directory, 'Makefile'));
      assert.match(missing.message, /'app\.txt' reads gen\.h, which 'gen\.h' writes/);
      assert.equal(missing.otherRule?.line, 5);

      // The edits, applied: make itself then builds in order, and the audit finds only what is left
      // by design (the two writers, now ordered; the dependency file).
      await applyFixes(result.findings.flatMap((finding) => (finding.fix ? [finding.fix] : [])));
      const again = await audit(workspace, make);
      assert.equal(again.exitCode, 0, again.notes.join('\n'));
      assert.deepEqual(again.findings.map(summary), [
        'shared-output warning twice-a twice-a <- twice-b @Makefile:39',
        'side-output info lib.o lib.d @Makefile:23',
      ]);
    });

    it("finds both readers of a header a rule symlinks (ldns's config.h), order-only, and verifies their edits together", async () => {
      workspace = await workspaceFrom('audit-symlinked-header');
      const dir = workspace.directory;
      const result = await audit(workspace, make);
      const readers = result.findings.filter(
        (finding) => finding.file === 'config.h' && finding.target !== 'setup-builddir',
      );
      assert.deepEqual(readers.map(summary), [
        'missing-order-only-prerequisite warning app.o config.h <- setup-builddir @Makefile:8 => line 8: app.o: app.c ldns/config.h | setup-builddir',
        'missing-order-only-prerequisite warning other.o config.h <- setup-builddir @Makefile:11 => line 11: other.o: other.c ldns/config.h | setup-builddir',
      ]);
      if (make.version !== '4.4.1') return; // make 4.3 has no --shuffle, and -j2 alone loses this race rarely
      const verified = await withPrivateTmp(() =>
        unchanged(dir, () => auditProbe({ directory: dir, make: make.path, verify: true })),
      );
      const verifiedReaders = verified.findings.filter(
        (found) => found.kind === 'missing-order-only-prerequisite',
      );
      assert.equal(verifiedReaders.length, 2);
      for (const finding of verifiedReaders) {
        const verification = finding.verification;
        assert.equal(verification?.status, 'verified', `${finding.target}: ${JSON.stringify(verification)}`);
        if (verification?.status !== 'verified') return;
        assert.deepEqual([verification.runs, verification.seed, verification.together], [5, 'reverse', 1]);
      }
      // make itself: the shuffled parallel build fails as it is and passes with both edits.
      const shuffled = (): number | null =>
        spawnSync(make.path, ['-C', dir, '-j2', '--shuffle=reverse'], { timeout: 60_000, encoding: 'utf8' })
          .status;
      assert.notEqual(shuffled(), 0);
      await rm(path.join(dir, 'config.h'), { force: true }); // in case setup-builddir ran beside the failure
      await applyFixes(readers.flatMap((finding) => (finding.fix ? [finding.fix] : [])));
      assert.equal(shuffled(), 0);
    });

    it("gives a target the reader's recipe also writes (libtool's a.o beside a.lo) the same edit, and verifies it", async () => {
      workspace = await workspaceFrom('audit-side-object');
      const dir = workspace.directory;
      const result = await audit(workspace, make);
      assert.equal(result.exitCode, 0, result.notes.join('\n'));
      const readers = result.findings.filter(
        (finding) => finding.file === 'config.h' && finding.target !== 'setup-builddir',
      );
      assert.deepEqual(readers.map(summary), [
        'missing-order-only-prerequisite warning a.lo config.h <- setup-builddir @Makefile:12 => line 14: a.lo a.o: | setup-builddir',
      ]);
      assert.deepEqual(readers[0].alsoTargets, ['a.o']);
      assert.match(readers[0].message, /its recipe also writes 'a\.o', with a rule of its own/);
      assert.equal(readers[0].fix?.title, 'add setup-builddir as an order-only prerequisite of a.lo and a.o');
      if (make.version !== '4.4.1') return; // make 4.3 has no --shuffle
      // make itself: with -j2 --shuffle=reverse, a.o's own rule compiles before the (slow) symlink exists.
      const shuffled = (...edits: string[]): { status: number | null; stderr: string } =>
        spawnSync(
          make.path,
          [
            '-C',
            dir,
            '-j2',
            '--shuffle=reverse',
            ...edits.map((edit) => `--eval=${edit}`),
            '--eval=.DEFAULT_GOAL :=',
          ],
          { timeout: 60_000, encoding: 'utf8' },
        );
      const clean = async (): Promise<void> => {
        for (const file of ['config.h', 'a.o', 'a.lo', 'prog'])
          await rm(path.join(dir, file), { force: true });
      };
      const partial = shuffled('a.lo: | setup-builddir');
      assert.notEqual(partial.status, 0, 'the edit of a.lo alone passed: the check is void');
      assert.match(partial.stderr, /\[Makefile:16: a\.o\] Error/);
      await clean();
      const verified = await withPrivateTmp(() =>
        unchanged(dir, () => auditProbe({ directory: dir, make: make.path, verify: true })),
      );
      const verification = verified.findings.find((found) => found.target === 'a.lo')?.verification;
      assert.equal(verification?.status, 'verified', JSON.stringify(verification));
      if (verification?.status !== 'verified') return;
      assert.deepEqual([verification.runs, verification.seed], [5, 'reverse']);
      assert.equal(shuffled().status === 0, false);
      await clean();
      await applyFixes(readers.flatMap((finding) => (finding.fix ? [finding.fix] : [])));
      const fixed = shuffled();
      assert.equal(fixed.status, 0, fixed.stderr);
    });

    it('verifies a missing-prerequisite fix: the parallel build fails without it and passes every run with it', async () => {
      workspace = await workspaceFrom('parallel-race-missing-prerequisite');
      const dir = workspace.directory;
      const result = await audit(workspace, make);
      const missing = result.findings.find((finding) => finding.kind === 'missing-prerequisite');
      assert.equal(missing?.fix?.resultingText, 'app.txt: main.in config.h');
      const verification = await withPrivateTmp(() =>
        unchanged(dir, () =>
          verifyFix({ directory: dir, make: make.path, finding: missing as AuditFinding, confirmations: 3 }),
        ),
      );
      assert.equal(verification.status, 'verified', JSON.stringify(verification));
      if (verification.status !== 'verified') return;
      assert.equal(verification.runs, 3);
      // make 4.4.1 reproduces with a shuffle seed (reverse puts app.txt first); 4.3 by repeating -j2.
      assert.equal(verification.seed, make.version === '4.4.1' ? 'reverse' : undefined);
      assert.ok(verification.reproduce.includes('-j2'), verification.reproduce.join(' '));
    });

    it("says why the traced build failed, in make's words, and that later targets were not audited", async () => {
      workspace = await workspaceFrom('audit-clean');
      await writeFile(
        path.join(workspace.directory, 'Makefile'),
        'all: out.txt\nout.txt:\n\tcat missing.txt > out.txt\n',
      );
      const result = await audit(workspace, make);
      assert.deepEqual(result.notes, [
        'the traced serial build exited with 2: "make: *** [Makefile:3: out.txt] Error 1"',
        'the build failed: targets after the failure were not audited (fix the build, then audit again)',
      ]);
    });

    it("says why an edit is not enough: make's error and the failing recipe's last words, another race left", async () => {
      workspace = await workspaceFrom('audit-two-races');
      const dir = workspace.directory;
      const result = await audit(workspace, make);
      const readsGen = result.findings.find((finding) => finding.file === 'gen.h');
      assert.equal(readsGen?.kind, 'missing-prerequisite', result.findings.map(summary).join('\n'));
      const verification = await withPrivateTmp(() =>
        unchanged(dir, () =>
          verifyFix({ directory: dir, make: make.path, finding: readsGen as AuditFinding, confirmations: 2 }),
        ),
      );
      assert.equal(verification.status, 'not-enough', JSON.stringify(verification));
      if (verification.status !== 'not-enough') return;
      assert.match(
        verification.reason,
        /still fails \(exit 2: make: \*\*\* \[Makefile:12: app\.txt\] Error 1, after "cat: gen2\.h: No such file or directory"\): the edit alone does not fix/,
      );
    });
  });
}
