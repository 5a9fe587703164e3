// The dependency audit through the CLI (text, JSON, SARIF and exit codes) on real make and strace.
import * as assert from 'node:assert/strict';
import { runCli } from '../../cli/src/cli';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { make441Path, MAKES, requireMake } from './support/makes';
import { withPrivateTmp } from './support/privateTmp';
import { unchanged } from './support/probeCheck';
import { validateSarif } from './support/sarifSchema';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    { write: (text: string) => (stdout += text) },
    { write: (text: string) => (stderr += text) },
  );
  return { code, stdout, stderr };
}

interface SarifResult {
  ruleId: string;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
  fixes?: { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[];
}

describe('makescope audit (CLI)', () => {
  let workspace: Workspace | undefined;
  before(() => requireMake(MAKES[1]));
  afterEach(async () => {
    await workspace?.dispose();
    workspace = undefined;
  });

  it('prints each finding at make file:line with its fixed line, exit 1; a clean build exits 0', async () => {
    workspace = await workspaceFrom('audit-every-class');
    const dir = workspace.directory;
    const run = await withPrivateTmp(() =>
      unchanged(dir, () => cli(['audit', '-C', dir, '--make', make441Path])),
    );
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /Missing prerequisites \(1\)\n {2}\S*Makefile:9: 'app\.txt' reads gen\.h/);
    assert.match(run.stdout, /line 9 reads app\.txt: data\.txt gen\.h/);
    assert.match(run.stdout, /Makefile:22: 'lib\.o' writes lib\.d, a dependency file \(-MMD\)/);
    await workspace.dispose();
    workspace = await workspaceFrom('audit-clean');
    const clean = await cli(['audit', '-C', workspace.directory, '--make', make441Path]);
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stdout, /clean: every file a recipe reads or writes is declared/);
  });

  it('writes valid SARIF 2.1.0 with the fix as a replacement, and JSON with every finding', async () => {
    workspace = await workspaceFrom('audit-every-class');
    const dir = workspace.directory;
    const sarif = await cli(['audit', '-C', dir, '--make', make441Path, '--format', 'sarif']);
    assert.equal(sarif.code, 1, sarif.stderr);
    const log = JSON.parse(sarif.stdout) as { runs: { results: SarifResult[] }[] };
    validateSarif(log);
    const missing = log.runs[0].results.find((result) => result.ruleId === 'audit/missing-prerequisite');
    assert.equal(missing?.locations[0].physicalLocation.artifactLocation.uri, 'Makefile');
    assert.equal(missing?.locations[0].physicalLocation.region?.startLine, 9);
    assert.equal(missing?.fixes?.[0].artifactChanges[0].replacements[0].insertedContent.text, ' gen.h');
    assert.equal(log.runs[0].results.find((result) => result.ruleId === 'audit/side-output')?.level, 'note');
    const json = await cli(['audit', '-C', dir, '--make', make441Path, '--json']);
    const result = JSON.parse(json.stdout) as { findings: { kind: string }[] };
    // One of each class, the existence check of check (`test -s app.txt`) and the dependency file.
    assert.equal(result.findings.length, 8);
  });

  it('--verify reports the fix verified in N runs and the seed that reproduces the failure', async () => {
    workspace = await workspaceFrom('parallel-race-missing-prerequisite');
    const dir = workspace.directory;
    const run = await withPrivateTmp(() =>
      unchanged(dir, () => cli(['audit', '-C', dir, '--make', make441Path, '--verify'])),
    );
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stdout,
      /fix verified in 5 runs \(-j2\); without it the build fails with --shuffle=reverse \(reproduced in 1 run\(s\)\)/,
    );
    assert.match(run.stdout, /2 recipes audited against 4 declared edges/);
  });

  it('refuses an unknown format and a missing makefile with exit 2', async () => {
    const format = await cli(['audit', '--format', 'xml']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format takes text, json or sarif/);
    const help = await cli(['audit', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: makescope audit/);
    const missing = await cli(['audit', '-C', '/nonexistent-makescope-dir']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^makescope: no makefile in \/nonexistent-makescope-dir\n$/);
  });
});
