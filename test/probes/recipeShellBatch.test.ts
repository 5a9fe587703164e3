// MS201 on ~300 recipe lines: exactly the findings of one `SHELL FLAGS -n -c SCRIPT` run per script (kept here as
// the reference), from a handful of processes started by Node, not one per recipe line.
import { strict as assert } from 'node:assert';
import childProcess from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToUri } from '../../engine/analysis/uris';
import { WorkspaceModel } from '../../engine/analysis/workspaceModel';
import type { LintFinding } from '../../engine/lint/lintTypes';
import { checkRecipeShells } from '../../engine/lint/recipeShell/recipeShellCheck';
import { positionOf, recipeScript } from '../../engine/lint/recipeShell/recipeScript';
import { parseShellSyntaxError } from '../../engine/lint/recipeShell/shellMessages';
import { runProcess } from '../../engine/probes/exec';

const CHUNK = 200;

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** 100 targets of 3 recipe lines: quotes, `$`, `%`, backslashes, control bytes, continuations; some broken. */
function bigMakefile(): string {
  const out = ['.PHONY: all', 'all:', '\t@echo all', ''];
  for (let i = 0; i < 100; i++) {
    out.push(`t${i}:`);
    if (i % 25 === 7) out.push(`\t@for f in a b; do echo "$$f"; done )`);
    else out.push(`\techo "building $$x-${i}" 'single $$y' > out-${i}.txt`);
    if (i % 30 === 11) out.push(`\t@printf '%s\\n' "a\\b %${i}`);
    else out.push(`\t@printf '%s\\n' "a\\b" %${i} \\\\ 'é\u0001\u007f\u001b'`);
    if (i % 40 === 3) out.push('\tif true; then \\', '\t  echo "$$PWD"; \\', '\t  echo done');
    else out.push('\tfor f in a b; do \\', `\t  echo "$$f" \${HOME} ${i}; \\`, '\tdone');
    out.push('');
  }
  return out.join('\n');
}

const BASH_MAKEFILE = [
  'SHELL = /bin/bash',
  '.SHELLFLAGS = -ec',
  'all:',
  '\t[[ -n "$$HOME" ]] && diff <(echo a) <(echo a)',
  '\tarr=(1 2 3); echo "$${arr[@]}" \\',
  '\t  | cat',
  '\techo $$(( 1 + )) ; fi',
  '\tcase x in x) echo "%$$1\\\\";; esac',
  '',
].join('\n');

async function modelOf(folder: string, text: string): Promise<{ model: WorkspaceModel; uri: string }> {
  const file = path.join(folder, `Makefile-${Math.random().toString(36).slice(2)}`);
  await writeFile(file, text);
  const model = new WorkspaceModel({ maxFileBytes: 1048576, includeDirs: [] });
  model.addKnownFile(file);
  return { model, uri: pathToUri(file) };
}

/** What the check said when it started one shell per recipe line. */
async function oneSpawnPerLine(
  model: WorkspaceModel,
  uri: string,
  shell: string,
  flags: string[],
  cwd: string,
): Promise<{ findings: LintFinding[]; scripts: number }> {
  const findings: LintFinding[] = [];
  const sites = model.index(uri)!.recipes;
  for (const site of sites) {
    const script = recipeScript([site.line]);
    const result = await runProcess({
      file: shell,
      args: [...flags, '-n', '-c', script.text],
      cwd,
      timeoutMs: 10_000,
      maxOutputBytes: 256 * 1024,
    });
    assert.equal(result.outcome, 'exited');
    if (result.exitCode === 0) continue;
    const error = parseShellSyntaxError(result.stderr, script.text);
    if (!error) continue;
    const start = positionOf(script, error.line, error.column ?? 1);
    const end =
      error.column === undefined
        ? positionOf(script, error.line, Number.MAX_SAFE_INTEGER)
        : { line: start.line, character: start.character + error.length };
    findings.push({
      code: 'MS201',
      severity: 'error',
      range: { start, end },
      message: `${path.basename(shell)} -n: ${error.message}`,
    });
  }
  return { findings, scripts: sites.length };
}

/** The processes Node starts while `run` runs (the orphan guard, started once per process, not counted). */
async function countingSpawns<T>(
  run: () => Promise<T>,
  onSpawn?: (pid: number) => void,
): Promise<{ value: T; spawns: number }> {
  const original = childProcess.spawn;
  let spawns = 0;
  childProcess.spawn = ((...args: Parameters<typeof original>) => {
    const argv = args[1];
    const child = original(...args);
    if (!(Array.isArray(argv) && argv.includes('makescope-guard'))) {
      spawns++;
      if (child.pid !== undefined) onSpawn?.(child.pid);
    }
    return child;
  }) as typeof original;
  syncBuiltinESMExports();
  try {
    return { value: await run(), spawns };
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}

describe('MS201 batched through a driver shell (probes: real sh and bash)', () => {
  let folder: string;

  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'makescope-shell-batch-'));
  });

  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('finds on 300 recipe lines what one sh -n per line finds, from at most ceil(300/200)+1 processes', async () => {
    const { model, uri } = await modelOf(folder, bigMakefile());
    const reference = await oneSpawnPerLine(model, uri, '/bin/sh', [], folder);
    assert.equal(reference.scripts, 301);
    const index = model.index(uri)!;
    const { value: findings, spawns } = await countingSpawns(() =>
      checkRecipeShells(index, model.project(uri), { cwd: folder, shellcheck: false }),
    );
    assert.deepEqual(findings, reference.findings);
    // The broken lines, at the column of the token sh names (or whole-line when it names none).
    const at = findings.map(
      (f) => `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.character + 1}`,
    );
    assert.equal(findings.length, 4 + 3 + 3);
    assert.deepEqual(at, [
      ...['31:2-13', '55:37-38', '84:3-25', '230:37-38', '294:3-25', '311:2-13'],
      ...['405:37-38', '504:3-25', '580:37-38', '591:2-13'],
    ]);
    assert.equal(findings[1]!.message, 'sh -n: Syntax error: ")" unexpected');
    assert.equal(findings[2]!.message, 'sh -n: Syntax error: Unterminated quoted string');
    assert.ok(findings.every((f) => f.message.startsWith('sh -n: ')));
    assert.ok(spawns >= 1 && spawns <= Math.ceil(301 / CHUNK) + 1, `${spawns} processes started`);
  });

  it('under SHELL = /bin/bash and .SHELLFLAGS = -ec, the same findings as bash -e -n per line', async () => {
    const { model, uri } = await modelOf(folder, BASH_MAKEFILE);
    const reference = await oneSpawnPerLine(model, uri, '/bin/bash', ['-e'], folder);
    const index = model.index(uri)!;
    const { value: findings, spawns } = await countingSpawns(() =>
      checkRecipeShells(index, model.project(uri), { cwd: folder, shellcheck: false }),
    );
    assert.deepEqual(findings, reference.findings);
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /^bash -n: /);
    assert.ok(spawns <= 2, `${spawns} processes started`);
  });

  it('cancelled while a driver runs: no findings, and the group of each driver is gone', async () => {
    const nonce = Math.random().toString(36).slice(2);
    const { model, uri } = await modelOf(folder, bigMakefile().replace(/building/g, `building-${nonce}`));
    const index = model.index(uri)!;
    const controller = new AbortController();
    const drivers: number[] = [];
    const { value: findings } = await countingSpawns(
      () =>
        checkRecipeShells(index, model.project(uri), {
          cwd: folder,
          shellcheck: false,
          signal: controller.signal,
        }),
      (pid) => {
        drivers.push(pid);
        // After runProcess has subscribed to the signal (it does so in the same turn as the spawn).
        setImmediate(() => controller.abort());
      },
    );
    assert.deepEqual(findings, []);
    assert.ok(drivers.length >= 1);
    const deadline = Date.now() + 10_000;
    while (drivers.some(groupAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(drivers.filter(groupAlive), []);
  });
});
