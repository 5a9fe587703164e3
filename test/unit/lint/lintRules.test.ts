// Every lint rule against its fixture (test/fixtures/lint/<code>-<name>/): exactly the expected lines, and silencing comments.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceModel } from '../../../engine/analysis/workspaceModel';
import { pathToUri } from '../../../engine/analysis/uris';
import { lintFile } from '../../../engine/lint/lint';
import { LINT_RULES } from '../../../engine/lint/ruleTable';

const FIXTURES = join(__dirname, '../../fixtures/lint');

/** One-based lines of each code's findings in the fixture's Makefile. */
function lintedLines(directory: string, rules?: Record<string, 'off' | 'error'>): Map<string, number[]> {
  const model = new WorkspaceModel({ maxFileBytes: 1048576, includeDirs: [] });
  const uri = pathToUri(join(FIXTURES, directory, 'Makefile'));
  const lines = new Map<string, number[]>();
  for (const finding of lintFile(model, uri, { environment: new Set(['HOME', 'PATH']), rules })) {
    lines.set(finding.code, [...(lines.get(finding.code) ?? []), finding.range.start.line + 1]);
  }
  return lines;
}

function expected(directory: string): Record<string, number[]> {
  return JSON.parse(readFileSync(join(FIXTURES, directory, 'expected.json'), 'utf8')) as Record<
    string,
    number[]
  >;
}

describe('lint rules (engine/lint)', () => {
  const directories = readdirSync(FIXTURES);

  it('has one fixture per rule, and a rationale for each', () => {
    for (const rule of LINT_RULES) {
      assert.ok(directories.includes(`${rule.code}-${rule.name}`), `fixture for ${rule.code} ${rule.name}`);
      assert.ok(rule.rationale.length > 40, `rationale for ${rule.code}`);
    }
  });

  for (const rule of LINT_RULES.filter((r) => !r.runsPrograms)) {
    it(`${rule.code} ${rule.name}: reports exactly the expected lines of its fixture`, () => {
      const directory = `${rule.code}-${rule.name}`;
      const found = lintedLines(directory);
      const want = expected(directory)[rule.code] ?? [];
      assert.ok(want.length > 0, 'the fixture shows the rule firing');
      assert.deepEqual(found.get(rule.code) ?? [], want, JSON.stringify([...found]));
    });
  }

  it('MS110: a target named by a variable an included makefile sets from `date` (no date in the file itself)', () => {
    assert.deepEqual(lintedLines('MS110-target-timestamp/included').get('MS110'), [4]);
  });

  it('turns a rule off by code or by name, and raises its severity', () => {
    assert.equal(lintedLines('MS102-phony-stale', { MS102: 'off' }).get('MS102'), undefined);
    const model = new WorkspaceModel({ maxFileBytes: 1048576, includeDirs: [] });
    const uri = pathToUri(join(FIXTURES, 'MS102-phony-stale', 'Makefile'));
    const findings = lintFile(model, uri, { environment: new Set(), rules: { 'phony-stale': 'error' } });
    assert.deepEqual(
      findings.filter((f) => f.code === 'MS102').map((f) => f.severity),
      ['error'],
    );
  });

  it('silences a rule on the next line, and between disable and enable (by code or name)', () => {
    const found = lintedLines('silenced');
    for (const [code, lines] of Object.entries(expected('silenced'))) {
      assert.deepEqual(found.get(code) ?? [], lines, `${code}: ${JSON.stringify([...found])}`);
    }
  });
});
