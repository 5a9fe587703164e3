// `makescope timeline --out` on a recursive build whose makes include makefiles: the Chrome trace has one parse
// event per make that read makefiles, listing exactly the makefiles `make -d` says that make read.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../cli/src/cli';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';
import { validateTraceEvents } from './support/traceEventFormat';

const run = promisify(execFile);

interface TraceEvent {
  name: string;
  ph: string;
  tid: number;
  ts: number;
  dur: number;
  cat?: string;
  args?: { file?: string; makefiles?: string[]; level?: number; directory?: string };
}

/** The makefiles each make read, in the order the makes started, as `make -d` reports them ("Reading makefile 'X'"). */
async function readsOfMakeDebug(make: string, directory: string): Promise<string[][]> {
  const { stdout } = await run(make, ['-d'], { cwd: directory, env: { ...process.env, MAKEFLAGS: '' } });
  const reads: string[][] = [];
  for (const line of stdout.split('\n')) {
    if (line === 'Reading makefiles...') reads.push([]);
    const file = /^Reading makefile '([^']+)'/.exec(line)?.[1];
    if (file) reads[reads.length - 1]?.push(file);
  }
  return reads;
}

describe('makescope timeline --out: makefile reads as parse events (timeline-reads)', () => {
  for (const make of MAKES) {
    describe(`GNU make ${make.version}`, () => {
      let traced: Workspace;
      let oracle: Workspace;
      before(async () => {
        requireMake(make);
        traced = await workspaceFrom('timeline-reads');
        oracle = await workspaceFrom('timeline-reads');
      });
      after(async () => {
        await traced?.dispose();
        await oracle?.dispose();
      });

      it('has one parse event per make read, each with the makefiles make -d says it read; the summary their parse times', async () => {
        const expected = await readsOfMakeDebug(make.path, oracle.directory);
        assert.deepEqual(expected, [
          ['Makefile', 'common.mk'],
          ['Makefile', '../common.mk', 'local.mk'],
        ]);
        const dir = traced.directory;
        const out = path.join(dir, '..', 'trace.json');
        let stderr = '';
        let stdout = '';
        const code = await unchanged(dir, () =>
          runCli(
            ['timeline', '-C', dir, '--make', make.path, '-j', '2', '--out', out],
            { write: (text: string) => (stdout += text) },
            { write: (text: string) => (stderr += text) },
          ),
        );
        assert.equal(code, 0, stderr);
        const trace = JSON.parse(await readFile(out, 'utf8')) as { traceEvents: TraceEvent[] };
        validateTraceEvents(trace);
        const parses = trace.traceEvents.filter((event) => event.cat === 'parse').sort((a, b) => a.ts - b.ts);
        assert.deepEqual(
          parses.map((event) => event.args?.makefiles),
          expected,
        );
        assert.deepEqual(
          parses.map((event) => [event.name, event.ph, event.args?.level, event.args?.file]),
          [
            ['parse Makefile', 'X', 0, path.join(dir, 'Makefile')],
            ['parse Makefile', 'X', 1, path.join(dir, 'sub', 'Makefile')],
          ],
        );
        assert.ok(parses.every((event) => event.dur > 0 && Number.isInteger(event.ts)));
        // The summary: the parse time of each makefile a make was given, with what it included.
        const section = stdout.slice(stdout.indexOf('Reading makefiles\n'));
        const listed = section
          .split('\n')
          .slice(1, 3)
          .map((line) => line.replace(/^ +\d+\.\d\d s {2}/, ''));
        assert.deepEqual(listed.sort(), [
          'Makefile, including common.mk',
          'sub/Makefile, including ../common.mk local.mk',
        ]);
        assert.match(stdout, /\n {2}parsing +\d+\.\d\d s reading makefiles \(2 reads by 2 makes\)\n/);
        // The sub-make reads inside the recipe that runs it (parts), on its thread.
        const parts = trace.traceEvents.find((event) => event.ph === 'X' && event.name === 'parts');
        assert.equal(parses[1]?.tid, parts?.tid);
        assert.ok(parses[1].ts >= parts!.ts && parses[1].ts + parses[1].dur <= parts!.ts + parts!.dur);
      });
    });
  }
});
