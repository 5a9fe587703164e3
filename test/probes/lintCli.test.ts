// `makescope lint` end to end (in process): the report a terminal shows, exit codes, --rule, JSON and schema-valid SARIF.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../../cli/src/cli';
import { repoRoot } from './support/makes';
import { validateSarif } from './support/sarifSchema';

const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'lint');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    { write: (text: string) => (stdout += text), isTTY: false },
    { write: (text: string) => (stderr += text) },
  );
  return { code, stdout, stderr };
}

describe('makescope lint', () => {
  it('prints file:line:column, severity and code; exit 0 with warnings only', async () => {
    const run = await cli(['lint', '-C', path.join(FIXTURES, 'MS102-phony-stale')]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Makefile:1:19: warning MS102 \.PHONY lists 'instal'/);
  });

  it('exits 1 on a finding at error severity, by default or raised with --rule', async () => {
    const spaces = await cli(['lint', path.join(FIXTURES, 'MS114-recipe-with-spaces', 'Makefile')]);
    assert.equal(spaces.code, 1);
    assert.match(spaces.stdout, /:3:5: error MS114/);
    const raised = await cli([
      'lint',
      '--rule',
      'phony-stale=error',
      '-C',
      path.join(FIXTURES, 'MS102-phony-stale'),
    ]);
    assert.equal(raised.code, 1);
    const off = await cli([
      'lint',
      '--rule',
      'MS114=off',
      path.join(FIXTURES, 'MS114-recipe-with-spaces', 'Makefile'),
    ]);
    assert.equal(off.code, 0);
    assert.match(off.stdout, /No findings/);
  });

  it('writes SARIF 2.1.0 that the schema accepts, with rule ids, levels and columns', async () => {
    const run = await cli([
      'lint',
      '--format',
      'sarif',
      '-C',
      path.join(FIXTURES, 'MS113-posix-portability'),
    ]);
    const log = JSON.parse(run.stdout) as {
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; level: string; locations: { physicalLocation: { region: object } }[] }[];
      }[];
    };
    validateSarif(log);
    const [first] = log.runs;
    assert.ok(first?.tool.driver.rules.some((rule) => rule.id === 'MS113'));
    const posix = first?.results.filter((result) => result.ruleId === 'MS113') ?? [];
    assert.equal(posix.length, 3);
    assert.deepEqual(posix[0]?.locations[0]?.physicalLocation.region, {
      startLine: 3,
      startColumn: 1,
      endLine: 3,
      endColumn: 5,
    });
  });

  it('writes JSON per file, and refuses a missing file, no makefile or an unknown rule with exit 2', async () => {
    const json = await cli(['lint', '--json', path.join(FIXTURES, 'MS105-unused-variable', 'Makefile')]);
    const parsed = JSON.parse(json.stdout) as { findings: { code: string }[] }[];
    assert.deepEqual(
      parsed[0]?.findings.map((finding) => finding.code),
      ['MS105'],
    );
    const missing = await cli(['lint', path.join(FIXTURES, 'no-such-makefile')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file/);
    const none = await cli(['lint', '-C', FIXTURES]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no makefile in/);
    const unknown = await cli(['lint', '--rule', 'MS999=off']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /names no lint rule/);
  });
});
