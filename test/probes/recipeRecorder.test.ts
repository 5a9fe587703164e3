// The recipe recorder's stamps when the probe reads its reports late: make runs while the probe's event loop is
// blocked (spawnSync), so every report is read at once after make exits. The uptime each report carries puts the
// spans back where they were, on real GNU make 4.3 and 4.4.1 and the real shell.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startRecipeRecorder } from '../../engine/timeline/recipeRecorder';
import { parseRecordedTimeline } from '../../engine/timeline/recordedTimelineParser';
import { probeNow } from '../../engine/timeline/reportClock';
import { SPAN_ENV, spanExportArgs } from '../../engine/timeline/spanEnvironment';
import { MAKES, requireMake } from './support/makes';

const MAKEFILE = `all: first second
\t@:
first:
\tsleep 0.3
second: first
\tsleep 0.2
`;

describe('recipe recorder read late', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'makescope-recorder-'));
    await writeFile(path.join(folder, 'Makefile'), MAKEFILE);
  });
  after(() => rm(folder, { recursive: true, force: true }));

  for (const make of MAKES)
    it(`gives each recipe its length though every report was read after make ${make.version} exited`, async () => {
      requireMake(make);
      const recorder = await startRecipeRecorder(folder);
      const started = probeNow();
      // Synchronous: no report is read while make runs.
      const run = spawnSync(make.path, ['-s', ...spanExportArgs(), ...recorder.makeArgs], {
        cwd: folder,
        env: { ...process.env, [SPAN_ENV]: '', MAKEFLAGS: '' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      const ended = probeNow();
      assert.equal(run.status, 0, run.stderr);
      const { spans, first } = parseRecordedTimeline(recorder.finish(), ended);
      const length = (target: string): number => {
        const span = spans.find((one) => one.target === target);
        assert.ok(span, `${target} has a span`);
        return span.end - span.start;
      };
      for (const [target, seconds] of [
        ['first', 0.3],
        ['second', 0.2],
      ] as const)
        assert.ok(
          length(target) >= seconds - 0.02 && length(target) <= seconds + 0.1,
          `${target} lasted ${length(target).toFixed(3)} s (its sleep: ${seconds} s)`,
        );
      assert.ok(
        first >= started - 0.02 && first < ended - 0.4,
        `the first report at ${(first - started).toFixed(3)} s`,
      );
    });
});
