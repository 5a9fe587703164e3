// The static model against GNU make's own database, on real generated Makefiles and on the fixtures.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { formatSummary, percent, runFidelity, type FidelitySummary } from '../../scripts/fidelity/run';
import {
  generateAutomake,
  generateCmake,
  generateGyp,
  removeProject,
  repoRoot,
  type GeneratedProject,
} from './corpus';

const VARIABLES_AND_TARGETS = 99.5;
const RAW_VALUES = 98;

function rate(matched: number, total: number): number {
  return total === 0 ? 100 : (100 * matched) / total;
}

function assertFidelity(name: string, summary: FidelitySummary): void {
  const text = formatSummary(summary, true);
  console.log(`\n--- ${name}\n${text}`);
  assert.ok(summary.files.length > 0, `${name}: no makefile found`);
  for (const file of summary.files)
    assert.equal(file.error, undefined, `${name}/${file.makefile}: ${file.error}`);
  const { variables, targets, rawValues } = summary;
  assert.ok(
    rate(variables.matched, variables.total) >= VARIABLES_AND_TARGETS,
    `${name}: variables ${percent(variables.matched, variables.total)}`,
  );
  assert.ok(
    rate(targets.matched, targets.total) >= VARIABLES_AND_TARGETS,
    `${name}: targets ${percent(targets.matched, targets.total)}`,
  );
  assert.ok(
    rate(rawValues.matched, rawValues.total) >= RAW_VALUES,
    `${name}: raw values ${percent(rawValues.matched, rawValues.total)}`,
  );
}

describe('fidelity against make -pRrq', function () {
  this.timeout(300_000);
  const generated: GeneratedProject[] = [];

  after(async () => {
    for (const project of generated) await removeProject(project);
  });

  for (const [name, generate] of [
    ['cmake', generateCmake],
    ['automake', generateAutomake],
    ['node-gyp', generateGyp],
  ] as const) {
    it(`holds make's variables, targets and raw values on ${name}-generated Makefiles`, async () => {
      const project = await generate();
      generated.push(project);
      const summary = await runFidelity(project.dir);
      assertFidelity(name, summary);
      assert.ok(
        summary.variables.total + summary.targets.total > 20,
        `${name}: the database is not trivially small`,
      );
    });
  }

  it('holds the example project and the test fixtures', async () => {
    assertFidelity('examples', await runFidelity(path.join(repoRoot, 'examples')));
    assertFidelity(
      'static-features',
      await runFidelity(path.join(repoRoot, 'test', 'fixtures', 'static-features')),
    );
  });
});
