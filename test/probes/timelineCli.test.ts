// `makescope timeline` on real make and strace: the summary table, a Chrome trace that satisfies the format, --json, errors.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { runCli } from '../../cli/src/cli';
import type { TimelineResult } from '../../engine/timeline/timelineProbe';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { make441Path, MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';
import { validateTraceEvents } from './support/traceEventFormat';

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

interface TraceEvent {
  name: string;
  ph: string;
  tid: number;
  cat?: string;
  args?: { name?: string; critical?: boolean; rule?: string };
}

describe('makescope timeline (CLI)', () => {
  let workspace: Workspace;
  before(async () => {
    requireMake(MAKES[1]);
    workspace = await workspaceFrom('timeline-recursive');
  });
  after(() => workspace?.dispose());

  it('prints wall time, the critical path, parallelism, idle slots and the targets to speed up; writes a valid Chrome trace', async () => {
    const dir = workspace.directory;
    const out = path.join(dir, '..', 'timeline-trace.json');
    const run = await unchanged(dir, () =>
      cli(['timeline', '-C', dir, '--make', make441Path, '-j', '2', '--out', out]),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /make 4\.4\.1, -j2; 4 recipes, 1 sub-make; exit 0/);
    assert.match(run.stdout, /critical path +\d+\.\d\d s \(3 targets, through make's declared graph\)/);
    assert.match(
      run.stdout,
      /Critical path\n +\d+\.\d\d s {2}sub\/y\n +\d+\.\d\d s {2}sub\/x\n +\d+\.\d\d s {2}all\n/,
    );
    assert.match(run.stdout, /parallelism +\d\.\d\d on average, at most 2/);
    assert.match(run.stdout, /idle job slots +\d+\.\d\d s of \d+\.\d\d s slot time at -j2/);
    assert.match(run.stdout, /Speed these up first\n {2}sub\/x: the build could end up to 1\.\d\d s sooner/);
    const trace = JSON.parse(await readFile(out, 'utf8')) as { traceEvents: TraceEvent[] };
    validateTraceEvents(trace);
    const threads = trace.traceEvents.filter((event) => event.ph === 'M' && event.name === 'thread_name');
    assert.deepEqual(threads.map((event) => event.args?.name).sort(), [
      'job slot 1',
      'job slot 2',
      'make (level 0)',
      'sub-make 1',
    ]);
    const critical = trace.traceEvents.filter((event) => event.ph === 'X' && event.args?.critical);
    assert.deepEqual(critical.map((event) => event.name).sort(), ['all', 'x', 'y']);
    assert.equal(
      trace.traceEvents.find((event) => event.name === 'x')?.args?.rule,
      `${path.join(dir, 'sub', 'Makefile')}:2`,
    );
  });

  it('--json prints the timeline with spans, lanes and the critical path; a missing makefile exits 2', async () => {
    const dir = workspace.directory;
    const run = await cli(['timeline', '-C', dir, '--make', make441Path, '--json', 'all']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as TimelineResult;
    assert.deepEqual(result.targets, ['all']);
    assert.equal(result.timeline.jobs, 2);
    assert.deepEqual(
      result.timeline.criticalPath.map((span) => span.target),
      ['y', 'x', 'all'],
    );
    assert.ok(result.timeline.spans.every((span) => span.container || span.lane >= 0));
    const missing = await cli(['timeline', '-C', '/nonexistent-makescope-dir']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^makescope: no makefile in \/nonexistent-makescope-dir\n$/);
  });
});
