// Isolation's cost against the tree's size: a session set up, one process run in it, and removed, against a copy.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheRoot } from './corpus';
import { engine } from './dist';
import { errorText, formatValue, notAvailable, ratio, type Figure } from './figures';
import { interleavedAsync, median } from './stats';
import { cached } from './tools';

const SECTION = 'isolation';
const SIZES = [1_000, 10_000, 100_000];

/** A tree of `files` small files, 100 to a folder. */
function tree(files: number): string {
  const dir = path.join(cacheRoot, 'isolation-trees', String(files));
  cached(dir, `v1-${files}`, () => {
    for (let i = 0; i < files; i++) {
      const folder = path.join(dir, `d${Math.floor(i / 100)}`);
      if (i % 100 === 0) mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, `f${i}.c`), `int f${i};\n`);
    }
    writeFileSync(path.join(dir, 'Makefile'), 'all: ; @true\n');
  });
  return dir;
}

function bareTrue(cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/true', [], { cwd, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

export async function isolationBench(options: { quick: boolean }): Promise<Figure[]> {
  const { isolationSupport, withIsolation, withSandbox, runProcess } = engine();
  const support = await isolationSupport();
  if (support.kind === 'none')
    return [
      notAvailable('isolation.error', SECTION, 'isolation', 'ms', `not available here: ${support.why}`),
    ];
  const figures: Figure[] = [];
  for (const files of SIZES) {
    try {
      const dir = tree(files);
      const request = { file: '/bin/true', args: [], cwd: dir, timeoutMs: 60_000, maxOutputBytes: 1 << 20 };
      const isolated = (): Promise<void> =>
        withIsolation(support, { root: dir, why: 'bench' }, async (session) => {
          await session.run(request);
          await session.written();
        });
      const copied = (): Promise<void> =>
        withSandbox(dir, async (sandbox) => {
          await runProcess({ ...request, cwd: sandbox.directory });
        });
      const rounds = options.quick ? 3 : 7;
      const times = await interleavedAsync([() => bareTrue(dir), isolated], rounds, 1);
      const [bare, isolation] = times.map(median);
      const overhead = median(times[1].map((t, round) => t - times[0][round]));
      // The copy is timed after, on its own: removing 100,000 copied files keeps the disk busy for
      // a while, which would slow whatever ran next. One round at 100,000 files (minutes).
      const copies = await interleavedAsync([copied], files >= 100_000 ? 1 : 3, 0);
      const copy = median(copies[0]);
      figures.push({
        key: `isolation.${files / 1000}k.overheadMs`,
        section: SECTION,
        label: `set up, run /bin/true in, read and remove an isolated session over ${files.toLocaleString('en')} files`,
        value: overhead,
        unit: 'ms',
        peer: `over a bare /bin/true (${formatValue(bare, 'ms')}); the old copy: ${formatValue(copy, 'ms')} (${ratio(copy, isolation)} the isolation)`,
        details: { bareMs: bare, isolationMs: isolation, copyMs: copy, samples: times, copySamples: copies },
      });
    } catch (error) {
      figures.push(
        notAvailable(
          `isolation.${files / 1000}k.overheadMs`,
          SECTION,
          `isolation, ${files} files`,
          'ms',
          errorText(error),
        ),
      );
    }
  }
  return figures;
}
