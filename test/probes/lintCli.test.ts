// `makescope lint` end to end (in process): the report a terminal shows, exit codes, --rule, JSON and schema-valid SARIF.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { requireShellcheck } from '../shared/requireShellcheck';
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

  it('writes the rules make refuses (MS121, MS123, MS125) as SARIF errors at their lines; exit 1', async () => {
    for (const [fixture, code, line] of [
      ['MS121-recursive-self-reference', 'MS121', 2],
      ['MS123-mixed-colon-rules', 'MS123', 4],
      ['MS125-missing-include', 'MS125', 1],
    ] as const) {
      const run = await cli([
        'lint',
        '--no-recipe-shell',
        '--format',
        'sarif',
        '-C',
        path.join(FIXTURES, fixture),
      ]);
      assert.equal(run.code, 1, run.stdout);
      const log = JSON.parse(run.stdout) as {
        runs: {
          tool: { driver: { rules: { id: string; name?: string }[] } };
          results: {
            ruleId: string;
            level: string;
            locations: { physicalLocation: { region: { startLine: number } } }[];
          }[];
        }[];
      };
      validateSarif(log);
      const [first] = log.runs;
      assert.ok(
        first?.tool.driver.rules.some((rule) => rule.id === code && rule.name),
        `${code} in the rules`,
      );
      const result = first?.results.find((r) => r.ruleId === code);
      assert.equal(result?.level, 'error');
      assert.equal(result?.locations[0]?.physicalLocation.region.startLine, line);
    }
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

  describe('recipe shell checks (MS201, MS202)', () => {
    const syntax = path.join(FIXTURES, 'MS201-recipe-shell-syntax');
    const shellcheck = path.join(FIXTURES, 'MS202-recipe-shellcheck');

    it("reports sh -n's own message on the line and column of the token it names; exit 1", async () => {
      // The script make hands the shell: lines 3-4 of the fixture, one recipe line continued with `\`.
      const said = spawnSync('/bin/sh', ['-n', '-c', 'for f in ; do echo $f; \\\n\t  done )'], {
        encoding: 'utf8',
        timeout: 10_000,
      });
      assert.notEqual(said.status, 0);
      const message = said.stderr.replace(/^.*?\d+: /, '').trim();
      const run = await cli(['lint', '-C', syntax]);
      assert.equal(run.code, 1, run.stdout);
      assert.ok(run.stdout.includes(`Makefile:4:9: error MS201 sh -n: ${message}`), run.stdout);
      assert.equal(run.stdout.match(/ MS201 /g)?.length, 1, `only line 4: ${run.stdout}`);
    });

    it("reads a reference before `if` or `for` as the end of a command of its own (git's $(QUIET_GEN)if)", async () => {
      // make runs both lines (the fixture's `quiet` target): the shell's grammar accepts them.
      const ran = spawnSync('make', ['-s', '-C', syntax, 'quiet'], { encoding: 'utf8', timeout: 10_000 });
      assert.equal(ran.status, 0, ran.stderr);
      const run = await cli(['lint', '-C', syntax]);
      assert.doesNotMatch(run.stdout, /Makefile:(9|10|11):\d+: error MS201/, run.stdout);
    });

    it('reports shellcheck findings as MS202 at the column in the Makefile', async () => {
      requireShellcheck();
      const run = await cli(['lint', '-C', shellcheck]);
      assert.equal(run.code, 0, run.stdout);
      assert.match(run.stdout, /Makefile:3:6: warning MS202 SC2046: Quote this/);
      assert.doesNotMatch(run.stdout, /shellcheck is not on PATH/);
    });

    it('checks each recipe line as the shell of its own it runs in, make references as no constant words', async () => {
      requireShellcheck();
      const run = await cli(['lint', '-C', shellcheck]);
      // Before: SC2317 on every line after `exit 0`, SC2043 (the loop "runs once"), SC2194 and SC2157.
      assert.doesNotMatch(run.stdout, /SC2317|SC2043|SC2194|SC2157/, run.stdout);
      const lines = [...run.stdout.matchAll(/Makefile:(\d+):\d+: \w+ MS202 /g)].map((match) => match[1]);
      assert.deepEqual([...new Set(lines)], ['3'], `only line 3's backticks: ${run.stdout}`);
    });

    it('--no-recipe-shell runs neither', async () => {
      const run = await cli(['lint', '--no-recipe-shell', '-C', syntax]);
      assert.equal(run.code, 0, run.stdout);
      assert.doesNotMatch(run.stdout, / MS20[12] /);
    });

    it('without shellcheck on PATH still runs sh -n and says once how to install it', async () => {
      const empty = await mkdtemp(path.join(tmpdir(), 'makescope-no-shellcheck-'));
      const saved = process.env.PATH;
      process.env.PATH = empty;
      try {
        const text = await cli(['lint', path.join(syntax, 'Makefile'), path.join(shellcheck, 'Makefile')]);
        assert.match(text.stdout, /error MS201 /, text.stderr);
        assert.doesNotMatch(text.stdout, / MS202 SC/);
        assert.equal(text.stdout.match(/sudo apt-get install shellcheck/g)?.length, 1, text.stdout);
        const json = await cli(['lint', '--json', path.join(shellcheck, 'Makefile')]);
        JSON.parse(json.stdout);
        assert.match(json.stderr, /shellcheck is not on PATH.*sudo apt-get install shellcheck/);
      } finally {
        process.env.PATH = saved;
        await rm(empty, { recursive: true, force: true });
      }
    });
  });
});
