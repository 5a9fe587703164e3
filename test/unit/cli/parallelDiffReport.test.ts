// What the parallel-diff report says about speed: no speedup from failed builds, negative tracing overhead is noise.
import * as assert from 'node:assert/strict';
import type { ParallelDiffResult, RunRecord } from '../../../engine/parallel/parallelTypes';
import { parallelDiffReport } from '../../../cli/src/reports/parallelDiffReport';
import { createStyle } from '../../../cli/src/reports/style';

function run(label: string, kind: RunRecord['kind'], exitCode: number, wallMs: number): RunRecord {
  const jobs = kind === 'serial' ? 1 : 4;
  return {
    label,
    kind,
    jobs,
    command: ['make', `-j${jobs}`],
    exitCode,
    firstError: exitCode === 0 ? undefined : "make: *** No rule to make target 'gen.h'.  Stop.",
    wallMs,
    order: [],
    created: [],
    changed: [],
    deleted: [],
    outputSynced: true,
  };
}

function result(serialExit: number, parallelExit: number, overheadPercent: number): ParallelDiffResult {
  return {
    verdict: serialExit === 0 ? 'clean' : 'serial-build-failed',
    directory: '/project',
    targets: [],
    make: { path: 'make', version: '4.3', canShuffle: false, outputSync: true },
    jobs: 4,
    runs: [run('-j1', 'serial', serialExit, 540.7), run('-j4', 'parallel', parallelExit, 40)],
    differences: [],
    findings: [],
    tracing: { state: 'traced', tool: 'strace', wallMs: 450, overheadPercent, processes: 12 },
    // The probe of the first version computed it whatever the exit codes: the report must not trust it.
    speedup: 13.52,
    sandboxBytes: 2048,
    overheadMs: 12,
    notes: [],
  };
}

const report = (r: ParallelDiffResult): string => parallelDiffReport(r, '/project', createStyle(false));

describe('parallel-diff report: speed figures', () => {
  it('shows the speedup only when the serial and the parallel build both succeeded', () => {
    assert.match(report(result(0, 0, 5)), /^ {2}speedup of -j4 over -j1: 13\.52x$/m);
    assert.doesNotMatch(report(result(2, 2, 5)), /speedup/);
    assert.doesNotMatch(report(result(0, 2, 5)), /speedup/);
  });

  it('reads a negative or zero tracing overhead as noise, a positive one with its sign', () => {
    assert.match(
      report(result(0, 0, -17)),
      /traced serial build: 0\.45 s \(within noise of the untraced build\)/,
    );
    assert.doesNotMatch(report(result(0, 0, -17)), /\+-/);
    assert.match(report(result(0, 0, 12)), /\(\+12% over the untraced build\)/);
  });
});
