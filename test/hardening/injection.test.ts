// Hostile names in targets, variables, paths and settings reach make as plain arguments: no shell ever runs them.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { convergenceProbe } from '../../engine/probes/convergenceProbe';
import { databaseProbe } from '../../engine/probes/databaseProbe';
import { dryRunProbe } from '../../engine/probes/dryRunProbe';
import { ProbeError } from '../../engine/probes/probeOptions';
import { resolveProbe } from '../../engine/probes/resolveProbe';
import { unchanged } from '../probes/support/probeCheck';
import { repoRoot } from '../server/lspSession';
import { scratchProject, type Scratch } from './support/scratch';
import { tally } from './support/tally';

/** Inputs that would create `canary` if any shell (or make's own $(shell)) interpreted them. */
function hostile(canary: string): string[] {
  return [
    `x; touch ${canary}`,
    `x && touch ${canary}`,
    `$(shell touch ${canary})`,
    `$$(shell touch ${canary})`,
    `\`touch ${canary}\``,
    `$(touch ${canary})`,
    `x\ntouch ${canary}`,
    `x' ; touch ${canary} ; '`,
    `x" ; touch ${canary} ; "`,
    `x | touch ${canary}`,
    `-Btouch`,
    `--eval=$(shell touch ${canary})`,
    `-f${canary}`,
    `--file=/dev/null`,
    'a b',
    '"quoted"',
    "'single'",
  ];
}

const MAKEFILE = 'A = 1\nall: out\nout:\n\t@echo building $@\n';

describe('hardening: injection through targets, variables, paths and settings', () => {
  let project: Scratch;
  let canary: string;
  const noCanary = (what: string): void => assert.equal(existsSync(canary), false, `${what} ran a command`);

  beforeEach(async () => {
    project = await scratchProject({ Makefile: MAKEFILE });
    canary = path.join(project.root, 'canary');
  });
  afterEach(() => project.dispose());

  it('targets: each reaches make as one target after --, or is refused', async () => {
    let tried = 0;
    for (const target of hostile(canary)) {
      await unchanged(project.directory, async () => {
        for (const probe of [dryRunProbe, convergenceProbe, databaseProbe]) {
          tried++;
          try {
            await probe({ directory: project.directory, targets: [target] });
          } catch (error) {
            assert.ok(error instanceof ProbeError, String(error));
            // make was told the whole string is a target (or the probe refused it before make).
            if (error.kind === 'make-failed')
              assert.ok(error.message.includes('No rule to make target'), error.message);
            else assert.equal(error.kind, 'usage', error.message);
          }
          noCanary(`target ${JSON.stringify(target)}`);
        }
      });
    }
    tally('injection attempts (canary never created)', tried);
  });

  it('variable names and target contexts for resolved values are refused or taken literally', async () => {
    let tried = 0;
    for (const name of hostile(canary)) {
      for (const target of [undefined, name]) {
        tried++;
        await resolveProbe({ directory: project.directory, variables: [name], target }).then(
          (result) => assert.equal(result.values[0].name, name),
          (error: unknown) =>
            assert.ok(error instanceof ProbeError && error.kind !== 'make-missing', String(error)),
        );
        noCanary(`variable ${JSON.stringify(name)}`);
      }
    }
    tally('injection attempts (canary never created)', tried);
  });

  it('project folders and makefile names with spaces, quotes, ;, $( and backticks', async () => {
    const names = [`dir ; touch canary`, `$(shell touch canary)`, '`touch canary`', `it's "here"`, '-rf'];
    for (const name of names) {
      const directory = path.join(project.root, name);
      await mkdir(directory);
      await writeFile(path.join(directory, name.replaceAll('/', '_') + '.mk'), MAKEFILE);
      const result = await unchanged(directory, () =>
        dryRunProbe({ directory, makefile: name + '.mk', targets: ['out'] }),
      );
      assert.deepEqual(
        result.groups.map((g) => g.target),
        ['out'],
      );
      assert.equal(existsSync(path.join(directory, 'canary')), false);
      assert.equal(existsSync(path.join(project.root, 'canary')), false);
    }
    tally('injection attempts (canary never created)', names.length);
  });

  it('settings: extra arguments, environment values and a make path holding shell syntax', async () => {
    let tried = 0;
    for (const text of hostile(canary)) {
      tried += 3;
      // An extra argument that is a make option (--eval=...) is what the user configured: it is
      // honoured, which is why makescope.extraArgs is a restricted setting. Others are one argument each.
      const extra = text.startsWith('-') ? `x${text}` : text;
      await dryRunProbe({ directory: project.directory, extraArgs: [extra], targets: ['out'] }).catch(
        (error: unknown) => assert.ok(error instanceof ProbeError, String(error)),
      );
      await dryRunProbe({ directory: project.directory, environment: { HOSTILE: text }, targets: ['out'] });
      await assert.rejects(
        dryRunProbe({ directory: project.directory, make: `make ${text}` }),
        (error: unknown) => error instanceof ProbeError && error.kind === 'make-missing',
      );
      noCanary(`setting ${JSON.stringify(text)}`);
    }
    tally('injection attempts (canary never created)', tried);
  });

  it('the CLI passes targets after -- to make untouched', async () => {
    const cli = path.join(repoRoot, 'dist', 'cli.js');
    for (const target of hostile(canary)) {
      const failed = await promisify(execFile)(process.execPath, [
        cli,
        'dry-run',
        '-C',
        project.directory,
        '--json',
        '--',
        target,
      ]).then(
        (output) => assert.fail(`target ${JSON.stringify(target)} was built: ${output.stdout}`),
        (error: { code?: number; stderr?: string }) => error,
      );
      // Exit 2 (an error), with make naming the whole string as one target, or the '=' refusal.
      assert.equal(failed.code, 2, `exit code for ${JSON.stringify(target)}: ${failed.stderr}`);
      const quoted = target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const expected = target.includes('=')
        ? new RegExp(`^makescope: '${quoted}' contains '=', which make would read as a variable assignment`)
        : new RegExp(
            `^makescope: make -n --trace failed \\(exit 2\\): make: \\*\\*\\* No rule to make target '${quoted}'`,
          );
      assert.match(failed.stderr ?? '', expected);
      noCanary(`CLI target ${JSON.stringify(target)}`);
    }
    tally('injection attempts (canary never created)', hostile(canary).length);
  });
});
