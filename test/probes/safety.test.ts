// Each write risk is found from the parse; probes then run in a sandbox (or refuse) and leave the workspace as it was.
import * as assert from 'node:assert/strict';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { convergenceProbe } from '../../engine/probes/convergenceProbe';
import { databaseProbe } from '../../engine/probes/databaseProbe';
import { dryRunProbe } from '../../engine/probes/dryRunProbe';
import { ProbeError } from '../../engine/probes/probeOptions';
import { assessSafety } from '../../engine/probes/safety';
import { timingProbe } from '../../engine/probes/timingProbe';
import { traceProbe } from '../../engine/probes/traceProbe';
import { workspaceFrom } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';

const RISKS = [
  { fixture: 'risk-plus-line', kind: 'plus-line', line: 3 },
  { fixture: 'risk-plus-variable', kind: 'plus-line', line: 5 },
  { fixture: 'risk-make-line', kind: 'make-line', line: 3 },
  { fixture: 'risk-remade-makefile', kind: 'remade-makefile', line: 7 },
  { fixture: 'risk-shell-touch', kind: 'parse-time-shell', line: 2 },
] as const;

describe('safety check from the static parse', () => {
  for (const risk of RISKS) {
    it(`finds the ${risk.kind} risk in ${risk.fixture}`, async () => {
      const workspace = await workspaceFrom(risk.fixture);
      try {
        const report = await assessSafety(workspace.directory);
        assert.deepEqual(
          report.risks.map((r) => [r.kind, r.file, r.line]),
          [[risk.kind, 'Makefile', risk.line]],
        );
      } finally {
        await workspace.dispose();
      }
    });
  }

  it('sees an edit made after an earlier check: a changed makefile, a new include, a new GNUmakefile', async () => {
    const workspace = await workspaceFrom('pattern-rules');
    const dir = workspace.directory;
    try {
      assert.deepEqual((await assessSafety(dir)).risks, []);
      const makefile = path.join(dir, 'Makefile');
      const original = await readFile(makefile, 'utf8');
      // Same size, same mtime: only the content (and ctime) differ.
      const stat0 = await stat(makefile);
      const edited = original.replace(/^/, 'X := $(shell touch x)\n').slice(0, original.length);
      await writeFile(makefile, edited);
      await utimes(makefile, stat0.atime, stat0.mtime);
      assert.deepEqual(
        (await assessSafety(dir)).risks.map((r) => [r.kind, r.line]),
        [['parse-time-shell', 1]],
      );
      await writeFile(makefile, `include extra.mk\n${original}`);
      assert.deepEqual((await assessSafety(dir)).risks, []);
      await writeFile(path.join(dir, 'extra.mk'), 'all: ; +touch made\n');
      assert.deepEqual(
        (await assessSafety(dir)).risks.map((r) => [r.kind, r.file]),
        [['plus-line', 'extra.mk']],
      );
      await writeFile(path.join(dir, 'GNUmakefile'), 'all: ;\n');
      const report = await assessSafety(dir);
      assert.equal(report.makefile, 'GNUmakefile');
      assert.deepEqual(report.risks, []);
    } finally {
      await workspace.dispose();
    }
  });

  it('finds a load directive (the parse tree has no statement for it)', async () => {
    const workspace = await workspaceFrom('risk-load');
    try {
      const report = await assessSafety(workspace.directory);
      assert.deepEqual(
        report.risks.map((r) => [r.kind, r.file, r.line, r.text]),
        [['load', 'Makefile', 2, '-load ./plugin.so']],
      );
    } finally {
      await workspace.dispose();
    }
  });

  it('finds nothing to fear in a plain project', async () => {
    const workspace = await workspaceFrom('pattern-rules');
    try {
      assert.deepEqual((await assessSafety(workspace.directory)).risks, []);
    } finally {
      await workspace.dispose();
    }
  });
});

for (const make of MAKES) {
  describe(`probes on risky makefiles stay out of the workspace, GNU make ${make.version}`, () => {
    before(() => requireMake(make));
    const probes: Record<string, (directory: string) => Promise<{ placement?: { where: string } }>> = {
      convergence: (directory: string) => convergenceProbe({ directory, make: make.path }),
      trace: (directory: string) => traceProbe({ directory, make: make.path }),
      'dry run': (directory: string) => dryRunProbe({ directory, make: make.path }),
      database: (directory: string) => databaseProbe({ directory, make: make.path }),
      timing: (directory: string) => timingProbe({ directory, make: make.path, build: true }),
    };
    for (const risk of RISKS) {
      for (const [name, probe] of Object.entries(probes)) {
        it(`${name} on ${risk.fixture}: isolated, workspace identical`, async () => {
          const workspace = await workspaceFrom(risk.fixture);
          try {
            const result = await unchanged(workspace.directory, () => probe(workspace.directory));
            const placement = result.placement as { where: string; reasons: string[] } | undefined;
            assert.equal(placement?.where, 'isolated');
            // The database probe asks for a goal with no recipe, so recipe-line risks do not apply to
            // it: the answer names no risky line, only that the run was isolated.
            const recipeOnly = risk.kind === 'plus-line' || risk.kind === 'make-line';
            const named = placement?.reasons.some((reason) => reason.includes('Makefile:'));
            assert.equal(named, !(name === 'database' && recipeOnly), placement?.reasons.join('\n'));
          } finally {
            await workspace.dispose();
          }
        });
      }
      it(`refuses ${risk.fixture} with the reason when the sandbox policy is "never"`, async () => {
        const workspace = await workspaceFrom(risk.fixture);
        try {
          await unchanged(workspace.directory, async () => {
            await assert.rejects(
              convergenceProbe({ directory: workspace.directory, make: make.path, sandbox: 'never' }),
              (error: unknown) =>
                error instanceof ProbeError &&
                error.kind === 'refused' &&
                error.message.includes('Makefile:'),
            );
          });
        } finally {
          await workspace.dispose();
        }
      });
    }
  });
}
