// The static model against GNU make's own database, on real generated Makefiles and on the fixtures.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { formatSummary, runFidelity, type FidelitySummary } from '../../scripts/fidelity/run';
import {
  generateAutomake,
  generateCmake,
  generateGyp,
  removeProject,
  repoRoot,
  type GeneratedProject,
} from './corpus';
import { MAKES, requireMake } from '../probes/support/makes';

/**
 * Known disagreements of the static model with make (4.3 and 4.4.1 alike), each with its reason:
 * "<corpus>: <mismatch line>" -> why. The layer fails on any mismatch not listed here, and on a listed one
 * that no longer happens with either make (so the list stays true). Fix the model, then remove the entry.
 */
const KNOWN: Record<string, string> = {
  'examples: Makefile: value of SRCS (Makefile:6): make simple "src/calc.c src/main.c", model simple ""':
    '`$(wildcard src/*.c)`: the static expander gives "" for $(wildcard) instead of globbing: it has no $(wildcard) and reads the call as an undefined variable',
  'examples: Makefile: value of OBJS (Makefile:7): make simple "build/calc.o build/main.o", model simple ""':
    '`$(wildcard src/*.c)`: the static expander gives "" for $(wildcard) instead of globbing: it has no $(wildcard) and reads the call as an undefined variable (OBJS is built from SRCS)',
  'examples: Makefile: value of DEPS (Makefile:8): make simple "build/calc.d build/main.d", model simple ""':
    '`$(wildcard src/*.c)`: the static expander gives "" for $(wildcard) instead of globbing: it has no $(wildcard) and reads the call as an undefined variable (DEPS is built from OBJS)',
  'static-features: Makefile: value of OBJS (Makefile:5): make simple "main.o util.o", model simple ""':
    '`$(patsubst %.c,%.o,$(SRCS))`: the static expander has no $(patsubst); read as a variable named "patsubst ..." it gives ""',
};

function assertFidelity(name: string, make: string, summary: FidelitySummary, seen: Set<string>): void {
  const text = formatSummary(summary, true);
  console.log(`\n--- ${name} (GNU make ${make})\n${text}`);
  assert.ok(summary.files.length > 0, `${name}: no makefile found`);
  for (const file of summary.files)
    assert.equal(file.error, undefined, `${name}/${file.makefile}: ${file.error}`);
  const unexplained = summary.mismatches
    .map((line) => `${name}: ${line}`)
    .filter((line) => {
      seen.add(line);
      return !(line in KNOWN);
    });
  assert.deepEqual(
    unexplained,
    [],
    `${name}: every variable, value and target of make's database is in the model`,
  );
}

describe('fidelity against make -pRrq', function () {
  this.timeout(300_000);
  const generated = new Map<string, GeneratedProject>();
  const seen = new Set<string>();

  before(async () => {
    for (const [name, generate] of [
      ['cmake', generateCmake],
      ['automake', generateAutomake],
      ['node-gyp', generateGyp],
    ] as const)
      generated.set(name, await generate());
  });
  after(async () => {
    for (const project of generated.values()) await removeProject(project);
  });

  for (const make of MAKES) {
    describe(`GNU make ${make.version}`, () => {
      before(() => requireMake(make));

      for (const name of ['cmake', 'automake', 'node-gyp']) {
        it(`every variable (file, line, flavor, value) and target of ${name}-generated Makefiles`, async () => {
          const project = generated.get(name);
          assert.ok(project, `${name} was generated`);
          const summary = await runFidelity(project.dir, make.path);
          assertFidelity(name, make.version, summary, seen);
          assert.ok(
            summary.variables.total + summary.targets.total > 20,
            `${name}: the database is not trivially small`,
          );
        });
      }

      it('every variable and target of the example project and the static-features fixture', async () => {
        for (const [name, dir] of [
          ['examples', path.join(repoRoot, 'examples')],
          ['static-features', path.join(repoRoot, 'test', 'fixtures', 'static-features')],
        ])
          assertFidelity(name, make.version, await runFidelity(dir, make.path), seen);
      });
    });
  }

  describe('known mismatches', () => {
    it('each still happens (else remove it from KNOWN)', () => {
      assert.deepEqual(
        Object.keys(KNOWN).filter((line) => !seen.has(line)),
        [],
      );
    });
  });
});
