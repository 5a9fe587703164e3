// The evidence ladder through the real CLI (dist/cli.js): verdicts and criteria in JSON and Markdown, SARIF, no change.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { EvidenceReport } from '../../engine/evidence/evidenceTypes';
import { validateSarif } from './support/sarifSchema';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { repoRoot } from './support/makes';
import { unchanged } from './support/probeCheck';

const cliPath = path.join(repoRoot, 'dist', 'cli.js');

interface Collected {
  code: number;
  report: EvidenceReport;
  markdown: string;
  sarif: unknown;
  /** Rung 7's parallel-differences.md and parallel.json, when the ladder ran its builds. */
  parallelDifferences?: string;
  parallelJson?: unknown;
}

function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function collect(
  directory: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<Collected> {
  const out = await mkdtemp(path.join(tmpdir(), 'makescope-evidence-test-'));
  try {
    const run = await runCli(['evidence', '-C', directory, '--out', out, '--format', 'json', ...args], env);
    assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
    const report = JSON.parse(run.stdout) as EvidenceReport;
    const markdown = await readFile(path.join(out, 'report.md'), 'utf8');
    const sarif = JSON.parse(await readFile(path.join(out, 'report.sarif'), 'utf8')) as unknown;
    await readFile(path.join(out, 'database.txt'), 'utf8');
    const optional = (name: string) => readFile(path.join(out, name), 'utf8').catch(() => undefined);
    const parallelDifferences = await optional('parallel-differences.md');
    const parallelText = await optional('parallel.json');
    const parallelJson = parallelText === undefined ? undefined : (JSON.parse(parallelText) as unknown);
    return { code: run.code, report, markdown, sarif, parallelDifferences, parallelJson };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** The eight rungs every collection climbs, in order. */
const LADDER = [
  'symptom',
  'intended-work',
  'causality',
  'resolved-state',
  'convergence',
  'timing',
  'parallel',
  'escalation',
];

function triggered(report: EvidenceReport): string[] {
  return report.criteria.filter((criterion) => criterion.triggered).map((criterion) => criterion.id);
}

describe('makescope evidence', function () {
  this.timeout(180_000);
  let workspace: Workspace | undefined;

  afterEach(async () => {
    await workspace?.dispose();
    workspace = undefined;
  });

  it('calls a converging build healthy, with all eight rungs in order, and changes nothing', async () => {
    workspace = await workspaceFrom('pattern-rules');
    const { code, report, markdown, sarif } = await unchanged(workspace.directory, () =>
      collect(workspace!.directory),
    );
    assert.equal(report.verdict.kind, 'healthy', report.verdict.summary);
    assert.equal(code, 0);
    assert.deepEqual(
      report.rungs.map((rung) => rung.id),
      LADDER,
    );
    assert.ok(
      report.rungs.slice(0, 6).every((rung) => rung.commands.length > 0),
      'each gathering rung records its commands',
    );
    assert.deepEqual(triggered(report), []);
    assert.match(markdown, /# Build evidence: healthy/);
    assert.match(markdown, /Converged: a successful build leaves nothing to do\./);
    assert.match(markdown, /Do not start with rm -rf build/);
    // The report says where the builds ran as the runs did: isolated runs are not "throwaway copies".
    const places = new Set(report.rungs.flatMap((rung) => rung.commands.map((command) => command.where)));
    assert.ok(places.has('isolated') || places.has('copy'), 'the build rungs ran somewhere apart');
    if (places.has('isolated')) assert.match(markdown, /isolated at the project's own paths/);
    if (!places.has('copy')) assert.doesNotMatch(markdown, /throwaway cop/);
    validateSarif(sarif);
  });

  it('calls a non-converging build a local fix pointing at the rule', async () => {
    workspace = await workspaceFrom('non-converging');
    const { code, report, markdown } = await unchanged(workspace.directory, () =>
      collect(workspace!.directory),
    );
    assert.equal(report.verdict.kind, 'local-fix', report.verdict.summary);
    assert.equal(code, 1);
    assert.deepEqual(triggered(report), []);
    const pointer = report.verdict.pointers[0];
    assert.equal(path.basename(pointer?.file ?? ''), 'Makefile');
    assert.equal(pointer?.line, 4);
    assert.match(markdown, /# Build evidence: local fix/);
    assert.match(markdown, /Not converged: out\.txt still older than in\.txt right after a build/);
  });

  it('calls a race a local fix with the prerequisite that fixes it', async () => {
    workspace = await workspaceFrom('parallel-race-missing-prerequisite');
    const { report, markdown, sarif, parallelDifferences, parallelJson } = await unchanged(
      workspace.directory,
      () => collect(workspace!.directory, ['-j', '2']),
    );
    // What rung 7 found is saved beside the report, and the report says where.
    assert.match(
      markdown,
      /What differed, run by run: parallel-differences\.md \(all of it: parallel\.json\)/,
    );
    assert.match(
      parallelDifferences ?? '',
      /^# Serial against parallel: [\s\S]*## Differences from the serial build/,
    );
    assert.match(
      parallelDifferences ?? '',
      /- missing-prerequisite: 'app\.txt' reads config\.h.*fix: add config\.h/,
    );
    assert.ok(((parallelJson as { findings?: unknown[] } | undefined)?.findings?.length ?? 0) > 0);
    assert.equal(report.verdict.kind, 'local-fix', report.verdict.summary);
    assert.deepEqual(triggered(report), []);
    assert.match(report.verdict.summary, /add config\.h to the prerequisites of app\.txt/);
    assert.match(markdown, /### 7\. Serial against parallel \u2014 FINDING/);
    validateSarif(sarif);
    const results =
      (sarif as { runs: Array<{ results: Array<{ ruleId: string; locations: unknown[] }> }> }).runs[0]
        ?.results ?? [];
    assert.ok(results.some((result) => result.ruleId === 'parallel/missing-prerequisite'));
    // Serial and parallel differ, so the dependency audit joins after rung 7 and names the rule at make's line.
    const audit = report.rungs.find((rung) => rung.id === 'audit');
    assert.ok(audit, `an audit rung after the parallel one: ${report.rungs.map((r) => r.id).join(', ')}`);
    assert.deepEqual(
      report.rungs.slice(-3).map((rung) => [rung.step, rung.id]),
      [
        [7, 'parallel'],
        [8, 'audit'],
        [9, 'escalation'],
      ],
    );
    assert.equal(audit.status, 'finding', audit.interpretation);
    assert.match(audit.interpretation, /app\.txt.*config\.h/);
    assert.ok(
      audit.locations.some(
        (l) =>
          l.ruleId === 'audit/missing-prerequisite' && path.basename(l.file) === 'Makefile' && l.line === 9,
      ),
      JSON.stringify(audit.locations),
    );
    assert.match(markdown, /### 8\. Dependency audit \u2014 FINDING/);
    assert.ok(results.some((result) => result.ruleId === 'audit/missing-prerequisite'));
  });

  it('adds the build timeline when the symptom reads as slowness, with the critical path make declared', async () => {
    workspace = await workspaceFrom('timeline-recursive');
    const { report, markdown } = await unchanged(workspace.directory, () =>
      collect(workspace!.directory, ['--symptom', 'the build takes too long', '-j', '2']),
    );
    assert.deepEqual(
      report.rungs.map((rung) => rung.id),
      [...LADDER.slice(0, 6), 'timeline', ...LADDER.slice(6)],
    );
    const timeline = report.rungs.find((rung) => rung.id === 'timeline')!;
    assert.equal(timeline.status, 'ok', timeline.interpretation);
    // The fixture's construction: y (1.0 s) -> x (1.4 s) -> all (0.6 s) = 3.0 s across two make levels.
    const critical = /critical path \(declared graph\): ([\d.]+) s: (.*)/.exec(timeline.excerpt);
    assert.ok(critical, timeline.excerpt);
    assert.equal(critical[2], 'y -> x -> all');
    assert.ok(Math.abs(Number(critical[1]) - 3.0) <= 0.15, `critical path ${critical[1]} s, built as 3.0 s`);
    assert.match(markdown, /### 7\. Build timeline \u2014 ok/);
    // The slow build is a local fix at the recipe whose speed-up shortens the build most: x's, which make -p
    // says is at sub/Makefile line 2 ("recipe to execute (from 'Makefile', line 2)").
    assert.equal(report.verdict.kind, 'local-fix', report.verdict.summary);
    const first = report.verdict.pointers[0];
    assert.equal(path.relative(workspace.directory, first?.file ?? ''), path.join('sub', 'Makefile'));
    assert.equal(first?.line, 2);
    assert.match(first?.message ?? '', /^x is on the critical path/);
    assert.match(markdown, /### 9\. Escalation assessment/);
  });

  it('leaves the traced rungs out when builds are off, whatever the symptom says', async () => {
    workspace = await workspaceFrom('timeline-recursive');
    const { report } = await collect(workspace.directory, [
      '--symptom',
      'slow and flaky with -j8',
      '--no-build',
    ]);
    assert.deepEqual(
      report.rungs.filter((rung) => rung.id === 'timeline' || rung.id === 'audit'),
      [],
    );
    assert.equal(report.rungs.at(-1)?.step, 8);
  });

  it('escalates a failure driven by an environment variable, naming it', async () => {
    workspace = await workspaceFrom('evidence-env-failure');
    const { report, markdown } = await unchanged(workspace.directory, () =>
      collect(workspace!.directory, [], { MODE: 'debug' }),
    );
    assert.equal(report.verdict.kind, 'escalate', report.verdict.summary);
    assert.deepEqual(triggered(report), ['environment-drift']);
    assert.match(
      markdown,
      /- \[x\] \*\*Environment or tool drift\*\*\n {2}- MODE comes from the environment \(= "debug"\)/,
    );
  });

  it('names an environment variable that reaches the recipe only through a simple variable', async () => {
    workspace = await workspaceFrom('evidence-env-captured');
    const { report, markdown } = await unchanged(workspace.directory, () =>
      collect(workspace!.directory, [], { TOOLCHAIN: 'debug' }),
    );
    assert.equal(report.verdict.kind, 'escalate', report.verdict.summary);
    assert.deepEqual(triggered(report), ['environment-drift']);
    assert.match(markdown, /- TOOLCHAIN comes from the environment \(= "debug"\)/);
  });

  it('escalates a failure in an included makefile outside the project', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'makescope-outside-'));
    try {
      const outside = path.join(root, 'shared');
      const project = path.join(root, 'project');
      await mkdir(outside);
      await mkdir(project);
      await writeFile(path.join(outside, 'rules.mk'), 'out.txt: in.txt\n\t@echo "vendor rule"\n\t@false\n');
      await writeFile(
        path.join(project, 'Makefile'),
        `# The rule for out.txt lives in a vendored makefile.\ninclude ${outside}/rules.mk\n`,
      );
      await writeFile(path.join(project, 'in.txt'), 'x\n');
      const { report, markdown } = await unchanged(project, () => collect(project));
      assert.equal(report.verdict.kind, 'escalate', report.verdict.summary);
      assert.deepEqual(triggered(report), ['crosses-ownership']);
      assert.match(
        markdown,
        new RegExp(`comes from ${outside.replaceAll('/', '\\/')}\\/rules\\.mk, outside the repository`),
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('escalates when the reported symptom does not show anywhere', async () => {
    workspace = await workspaceFrom('pattern-rules', { build: 'make' });
    const { report } = await collect(workspace.directory, ['--symptom', 'link fails on CI', '--no-build']);
    assert.equal(report.verdict.kind, 'escalate');
    assert.deepEqual(triggered(report), ['cannot-reproduce']);
  });

  it("does not take a generated makefile's .NOTPARALLEL (cmake's) for the project disabling parallelism", async () => {
    workspace = await workspaceFrom('evidence-generated-notparallel');
    const generated = await unchanged(workspace.directory, () =>
      collect(workspace!.directory, ['--no-build']),
    );
    assert.equal(generated.report.verdict.kind, 'local-fix', generated.report.verdict.summary);
    assert.deepEqual(triggered(generated.report), []);
    assert.doesNotMatch(generated.markdown, /parallelism is already disabled/);
    // The same rule written by hand (no generator's banner) is the project's own choice, with its line.
    const makefile = path.join(workspace.directory, 'Makefile');
    const text = await readFile(makefile, 'utf8');
    await writeFile(makefile, text.split('\n').slice(2).join('\n'));
    const written = await collect(workspace.directory, ['--no-build']);
    assert.deepEqual(triggered(written.report), ['weakens-correctness']);
    assert.match(written.markdown, /parallelism is already disabled at \.NOTPARALLEL \(Makefile:3\)/);
  });

  it('never says the symptom did not show while make plans rebuilds (rungs 2-3)', async () => {
    workspace = await workspaceFrom('converge-force-unchanged', { build: 'make' });
    const { report } = await unchanged(workspace.directory, () =>
      collect(workspace!.directory, ['--symptom', 'rebuilds every time', '--no-build']),
    );
    assert.deepEqual(triggered(report), [], report.verdict.summary);
    assert.equal(report.verdict.kind, 'local-fix');
    assert.match(
      report.verdict.summary,
      /rebuilds make plans \(rungs 2\u20133\), the first version\.h because FORCE \(Makefile:8\)/,
    );
    assert.doesNotMatch(JSON.stringify(report), /did not show in any rung/);
  });

  it('keeps the report readable on 400 stale targets: the first 20 listed, all of them in locations.md', async () => {
    const project = await mkdtemp(path.join(tmpdir(), 'makescope-many-'));
    const out = await mkdtemp(path.join(tmpdir(), 'makescope-evidence-test-'));
    try {
      await writeFile(
        path.join(project, 'Makefile'),
        'T := $(foreach n,$(shell seq 400),out/a-rather-long-name-for-a-generated-object-file-number-$(n).o)\n' +
          'all: $(T)\nout/%.o: in.txt\n\tmkdir -p out && cp in.txt $@\n',
      );
      await writeFile(path.join(project, 'in.txt'), 'x\n');
      const run = await unchanged(project, () =>
        runCli(['evidence', '-C', project, '--out', out, '--no-build', '--format', 'json']),
      );
      assert.equal(run.code, 1, run.stderr);
      const markdown = await readFile(path.join(out, 'report.md'), 'utf8');
      const locations = await readFile(path.join(out, 'locations.md'), 'utf8');
      assert.ok(markdown.length < 50_000, `report.md is ${markdown.length} characters`);
      assert.match(markdown, /- \.\.\. and 380 more: all of them in \[locations\.md\]\(locations\.md\)/);
      assert.match(
        locations,
        /out\/a-rather-long-name-for-a-generated-object-file-number-400\.o: does not exist/,
      );
    } finally {
      await rm(project, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
    }
  });

  it('writes a runbook from the project database', async () => {
    workspace = await workspaceFrom('pattern-rules');
    const run = await unchanged(workspace.directory, () => runCli(['runbook', '-C', workspace!.directory]));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /# Runbook: pattern-rules/);
    assert.match(run.stdout, /\| Did the build settle after a good run\? \| `makescope convergence -C /);
    assert.match(run.stdout, /## Escalate when/);
  });
});
