// What recording a build costs: the timeline probe (a `make -jN -p` build whose makes report their jobs through the
// preloaded library, and the databases of its makes; through the recipes' shell and with --strace too, for
// information) and the audit (a traced `make -j1 -p` build)
// against the same build unrecorded, each isolated the same way, alternating in one run, on a 24-file C project and
// on a recursive one.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectFolder } from './corpus';
import { engine } from './dist';
import { errorText, formatValue, notAvailable, type Figure } from './figures';
import { interleavedAsync, median, percentile } from './stats';
import { cached } from './tools';

const SECTION = 'tracing';
const FILES = 24;

function cFiles(dir: string, prefix: string, count: number): string[] {
  const objects: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix}${i}`;
    // Enough code that compiling takes a moment, as a real translation unit would.
    const body = Array.from(
      { length: 40 },
      (_, j) => `static int ${name}_${j}(int x) { return x * ${j + 1} + ${i}; }`,
    ).join('\n');
    const calls = Array.from({ length: 40 }, (_, j) => `${name}_${j}(x)`).join(' + ');
    writeFileSync(path.join(dir, `${name}.c`), `${body}\nint ${name}(int x) { return ${calls}; }\n`);
    objects.push(`${name}.o`);
  }
  return objects;
}

/** 24 C files compiled and archived by one Makefile. */
function flatProject(): string {
  const dir = projectFolder('tracing-flat');
  cached(dir, `v1-${FILES}`, () => {
    mkdirSync(dir, { recursive: true });
    const objects = cFiles(dir, 'unit', FILES);
    writeFileSync(
      path.join(dir, 'Makefile'),
      `OBJS := ${objects.join(' ')}\nlibunits.a: $(OBJS)\n\tar rcs $@ $^\n%.o: %.c\n\t$(CC) -O1 -c -o $@ $<\n`,
    );
  });
  return dir;
}

/** The same 24 files split over two sub-makes run by $(MAKE) -C from the top. */
function recursiveProject(): string {
  const dir = projectFolder('tracing-recursive');
  cached(dir, `v1-${FILES}`, () => {
    for (const sub of ['liba', 'libb']) {
      mkdirSync(path.join(dir, sub), { recursive: true });
      const objects = cFiles(path.join(dir, sub), sub, FILES / 2);
      writeFileSync(
        path.join(dir, sub, 'Makefile'),
        `OBJS := ${objects.join(' ')}\n${sub}.a: $(OBJS)\n\tar rcs $@ $^\n%.o: %.c\n\t$(CC) -O1 -c -o $@ $<\n`,
      );
    }
    writeFileSync(
      path.join(dir, 'Makefile'),
      '.PHONY: all liba libb\nall: liba libb\nliba libb:\n\t$(MAKE) -C $@\n',
    );
  });
  return dir;
}

export async function tracingBench(options: { quick: boolean }): Promise<Figure[]> {
  const { isolationSupport, withIsolation, findProjectRoot, timelineProbe, auditProbe } = engine();
  const support = await isolationSupport();
  if (support.kind === 'none')
    return [
      notAvailable('tracing.error', SECTION, 'tracing', 'x', `isolation is not available: ${support.why}`),
    ];
  // A few seconds per build and a loaded 2-core machine: enough rounds that the median holds.
  const rounds = options.quick ? 3 : 9;
  const warmup = 1;
  const figures: Figure[] = [];
  for (const [name, label, dir] of [
    ['c24', `${FILES}-file C project`, flatProject()],
    ['recursive', `recursive project (2 sub-makes, ${FILES} C files)`, recursiveProject()],
  ] as const) {
    // The overlay over the folder the probes choose (the repository holding the project), as theirs is.
    const root = await findProjectRoot(dir, []);
    const untraced = (jobs: number) => (): Promise<void> =>
      withIsolation(support, root, async (session) => {
        const result = await session.run({
          file: 'make',
          args: [`-j${jobs}`],
          cwd: dir,
          timeoutMs: 300_000,
          maxOutputBytes: 1 << 24,
        });
        if (result.exitCode !== 0) throw new Error(`make -j${jobs} failed in ${dir}: ${result.stderr}`);
        await session.written();
      });
    const probe = { directory: dir, timeoutMs: 300_000 };
    const timeline = (recorder: 'jobs' | 'shell' | 'strace') => async (): Promise<number> => {
      const result = await timelineProbe({ ...probe, jobs: 2, recorder });
      if (result.exitCode !== 0) throw new Error(`the timeline's build failed in ${dir}`);
      return result.timeline.wallSeconds * 1000;
    };
    /**
     * One traced probe against the same build untraced, alternating; a figure either way. `traced` returns
     * how long the traced make itself ran (strace's log or the probe's own record), so the rest is ours.
     */
    const measure = async (
      kind: 'timeline' | 'timelineShell' | 'timelineStrace' | 'audit',
      what: string,
      jobs: number,
      traced: () => Promise<number>,
    ): Promise<Figure> => {
      const key = `tracing.${name}.${kind}Ms`;
      try {
        const makeMs: number[] = [];
        const times = await interleavedAsync(
          [untraced(jobs), async () => void makeMs.push(await traced())],
          rounds,
          warmup,
        );
        const [bare, value] = times.map(median);
        const perRound = times[1].map((t, round) => t / times[0][round]);
        const tracedMake = makeMs.slice(warmup);
        const ours = times[1].map((t, round) => t - tracedMake[round]);
        return {
          key,
          section: SECTION,
          label: `${what}, ${label}`,
          value,
          unit: 'ms',
          peer:
            `the same build untraced, isolated alike: ${formatValue(bare, 'ms')} (${(value / bare).toFixed(2)}x; ` +
            `per round p50 ${median(perRound).toFixed(2)}x / p95 ${percentile(perRound, 95).toFixed(2)}x, n=${rounds}); ` +
            `of the probe, the recorded make ${formatValue(median(tracedMake), 'ms')}, the rest (isolation, reading the records and databases) ${formatValue(median(ours), 'ms')}`,
          ratios: { overUntraced: value / bare },
          details: { samples: times, perRound, tracedMake, ours },
        };
      } catch (error) {
        return notAvailable(key, SECTION, `${kind}, ${label}`, 'ms', errorText(error));
      }
    };
    figures.push(
      await measure(
        'timeline',
        "timeline probe (make -j2 -p, make's jobs reported through the preloaded library, and its makes' databases)",
        2,
        timeline('jobs'),
      ),
      await measure(
        'timelineShell',
        "timeline probe without a compiler (make -j2 -p recorded through the recipes' shell, and its makes' databases)",
        2,
        timeline('shell'),
      ),
      await measure(
        'timelineStrace',
        "timeline probe --strace (make -j2 -p under strace, and its makes' databases)",
        2,
        timeline('strace'),
      ),
      await measure('audit', "audit (traced make -j1 -p build against make's database)", 1, async () => {
        const result = await auditProbe({ ...probe });
        if (result.exitCode !== 0) throw new Error(`the audit's build failed in ${dir}: ${result.notes[0]}`);
        return result.tracing.state === 'traced' ? result.tracing.wallMs : NaN;
      }),
    );
  }
  return figures;
}
