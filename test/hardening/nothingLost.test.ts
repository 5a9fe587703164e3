// Nothing lost: random probe sequences on random projects leave the workspace byte- and mtime-identical, and no copy behind.
import * as assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { collectEvidence } from '../../engine/evidence/evidenceLadder';
import { parallelDiffProbe } from '../../engine/parallel/parallelDiffProbe';
import { convergenceProbe } from '../../engine/probes/convergenceProbe';
import { databaseProbe } from '../../engine/probes/databaseProbe';
import { dryRunProbe } from '../../engine/probes/dryRunProbe';
import { ProbeError, type ProbeOptions } from '../../engine/probes/probeOptions';
import { resolveProbe } from '../../engine/probes/resolveProbe';
import type { SandboxPolicy } from '../../engine/probes/safety';
import { timingProbe } from '../../engine/probes/timingProbe';
import { traceProbe } from '../../engine/probes/traceProbe';
import { MAKES, requireMake } from '../probes/support/makes';
import { pollUntil, processesInGroup } from '../probes/support/processGroups';
import { snapshotTree } from '../probes/support/treeSnapshot';
import { project, type ProjectSpec } from './support/projectArbitrary';
import { tally } from './support/tally';
import { SEED } from '../shared/seed';

const SEQUENCES = Number(process.env.MAKESCOPE_SEQUENCES ?? 150);

const PROBES: Record<string, (options: ProbeOptions) => Promise<unknown>> = {
  convergence: (o) => convergenceProbe(o),
  'convergence after a build': (o) => convergenceProbe({ ...o, buildFirst: true }),
  trace: (o) => traceProbe(o),
  'dry run': (o) => dryRunProbe(o),
  database: (o) => databaseProbe(o),
  'resolve variables': (o) => resolveProbe({ ...o, variables: ['CC', 'X'], target: o.targets?.[0] }),
  timing: (o) => timingProbe(o),
  'timing with a build': (o) => timingProbe({ ...o, build: true }),
  evidence: (o) => collectEvidence({ ...o, runs: 1, skipBuilds: o.targets?.length === 0 }),
  'parallel diff': (o) => parallelDiffProbe({ ...o, runs: 1, jobs: 2, trace: false }),
};

const step = fc.record({
  probe: fc.constantFrom(...Object.keys(PROBES)),
  sandbox: fc.constantFrom<SandboxPolicy>('auto', 'auto', 'always', 'never'),
  targets: fc.subarray(['all', 'app', 'a.o', 'clean', 'sub', 'plus-stamp'], { maxLength: 2 }),
  make: fc.constantFrom(...MAKES),
});

async function materialize(spec: ProjectSpec, directory: string): Promise<void> {
  const now = Date.now();
  for (const [name, content] of Object.entries(spec.files)) {
    const file = path.join(directory, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    if (spec.executables.includes(name)) await chmod(file, 0o755);
  }
  for (const [name, target] of Object.entries(spec.symlinks))
    await symlink(target, path.join(directory, name));
  const age = (name: string): Date => new Date(now - (spec.ages[name] ?? 90) * 60_000);
  for (const name of Object.keys(spec.files)) await utimes(path.join(directory, name), age(name), age(name));
  for (const folder of ['src', 'sub', 'data', '.'])
    await utimes(path.join(directory, folder), age(folder), age(folder)).catch(() => undefined);
}

describe('hardening: nothing lost (fast-check probe sequences on random projects)', () => {
  let base: string;
  let probeTmp: string;
  const savedTmp = process.env.TMPDIR;

  before(async () => {
    for (const make of MAKES) requireMake(make);
    base = await mkdtemp(path.join(tmpdir(), 'makescope-nothing-lost-'));
    // A private TMPDIR: sandbox copies land here, so leftovers are ours alone to count.
    probeTmp = path.join(base, 'tmp');
    await mkdir(probeTmp);
    process.env.TMPDIR = probeTmp;
  });
  after(async () => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    await rm(base, { recursive: true, force: true });
  });

  it(`${SEQUENCES} random sequences of 1-4 probes: the workspace is unchanged and no sandbox copy is left`, async () => {
    let counter = 0;
    let probes = 0;
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(project, fc.array(step, { minLength: 1, maxLength: 4 }), async (spec, steps) => {
        const directory = path.join(base, `work${++counter}`, 'project');
        await mkdir(directory, { recursive: true });
        await materialize(spec, directory);
        const before = await snapshotTree(directory);
        const groups: number[] = [];
        try {
          for (const { probe, sandbox, targets, make } of steps) {
            probes++;
            const options: ProbeOptions = {
              directory,
              make: make.path,
              sandbox,
              targets,
              timeoutMs: 30_000,
              onSpawn: (pid) => groups.push(pid),
            };
            const outcome = await PROBES[probe](options).then(
              () => 'ok',
              (error: unknown) => {
                if (!(error instanceof ProbeError)) throw error;
                return error.kind;
              },
            );
            outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
            assert.deepEqual(
              await snapshotTree(directory),
              before,
              `${probe} (sandbox ${sandbox}, make ${make.version}, targets ${targets.join(' ')}) changed the workspace\n` +
                spec.files.Makefile,
            );
          }
          assert.deepEqual(await readdir(probeTmp), [], 'a sandbox copy or temp file was left behind');
          const ended = await pollUntil(
            () => groups.every((pgid) => processesInGroup(pgid).length === 0),
            2000,
          );
          assert.ok(ended, 'a process outlived its probe');
        } finally {
          await rm(path.dirname(directory), { recursive: true, force: true });
        }
      }),
      { numRuns: SEQUENCES, endOnFailure: true, seed: SEED },
    );
    tally('nothing-lost sequences', SEQUENCES);
    tally('nothing-lost probes run', probes);
    console.log(`      probe outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  });
});
