// Real projects (git, redis, busybox, hello, libuv): the bare build of each modest target, then each probe through the CLI against the bare make it wraps, in the same rounds.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECTS, type RealProject } from '../test/realworld/support/projects';
import { benchDist, engine } from './dist';
import { errorText, formatValue, notAvailable, ratio, type Figure } from './figures';
import { ProjectPlace, realProjectsMissing, type TimedRun } from './realworldPlace';
import { median } from './stats';
import { run } from './tools';

const SECTION = 'realworld';

/** One bare make run: its arguments, and the program that wraps make when the probe wraps it (strace). */
interface BareRun {
  args: string[];
  wrapWith?: string[];
}

interface Pair {
  name: string;
  /** The bare make commands, as text for the table. */
  wraps: string;
  bare: BareRun[];
  cli: [command: string, ...args: string[]];
}

interface Samples {
  bare: number[];
  cli: number[];
  cliExits: (number | null)[];
}

// As the timing probe runs strace (timingProbe.ts), the log dropped. The race detection's traced build runs
// make itself, with the preloaded recorder inside it (fileAccessTracer.ts): its bare side is that make alone.
const STRACE_ARGS = ['-f', '-q', '-s', '4096', '-e', 'signal=none', '-o', '/dev/null'];
const TIMING_TRACE = ['-ttt', '-e', 'trace=execve'];
function strace(): string | undefined {
  const found = run('sh', ['-c', 'command -v strace']);
  return found.ok && found.stdout.trim() !== '' ? found.stdout.trim() : undefined;
}

/** Each CLI probe on a built tree and the bare make commands it wraps (the flags the probes use on this make). */
function pairs(target: string, tracesPhony: boolean, databaseGoal: string, tracer?: string): Pair[] {
  const traceArgs = tracesPhony ? ['-n', '--trace', target] : ['-n', '--trace', '-p', target];
  const treeArgs = ['-n', '--trace', '-p', target];
  const parseOnly = ['-q', '--eval=.makescope-parse-only:', '.makescope-parse-only'];
  const traced = (args: string[]): BareRun[] =>
    tracer ? [{ args, wrapWith: [tracer, ...TIMING_TRACE, ...STRACE_ARGS] }] : [];
  const serial = ['-j1', '--trace', target];
  const probes: Pair[] = [
    {
      name: 'convergence',
      // The probe reads the database beside the trace on every version, then runs a real second make.
      wraps: `make -q; make ${treeArgs.join(' ')}; make ${target}`,
      bare: [{ args: ['-q', target] }, { args: treeArgs }, { args: [target] }],
      cli: ['convergence', '--json', target],
    },
    {
      name: 'trace',
      wraps: `make ${treeArgs.join(' ')}`,
      bare: [{ args: treeArgs }],
      cli: ['trace', '--json', target],
    },
    {
      name: 'dry-run',
      wraps: `make ${traceArgs.join(' ')}`,
      bare: [{ args: traceArgs }],
      cli: ['dry-run', '--json', target],
    },
    {
      name: 'vars',
      wraps: 'make -p -q (database)',
      bare: [{ args: ['-p', '-q', `--eval=${databaseGoal}:`, databaseGoal] }],
      cli: ['vars', '--json'],
    },
    {
      name: 'timing',
      wraps: `make -q (parse only); make -n ${target}${tracer ? '; strace -f make -q (parse only)' : ''}`,
      bare: [{ args: parseOnly }, { args: ['-n', target] }, ...traced(parseOnly)],
      cli: ['timing', '--json', target],
    },
    {
      name: 'parallel-diff',
      wraps: `make ${serial.join(' ')} twice; make -j2 --trace ${target}; make -j1 -p ${target} (traced inside)`,
      bare: [
        { args: serial },
        { args: serial },
        { args: ['-j2', '--trace', target] },
        { args: ['-j1', '-p', target] },
      ],
      cli: ['parallel-diff', '-j2', '--runs', '1', '--json', target],
    },
  ];
  // The ladder without its builds (as the realworld tests climb it): the database, the dry run, the
  // trace, convergence (its second make included) and timing, one after the other.
  const climbed = ['vars', 'dry-run', 'trace', 'convergence', 'timing'].map(
    (name) => probes.find((probe) => probe.name === name)!,
  );
  probes.push({
    name: 'evidence',
    wraps: `the bare runs of ${climbed.map((probe) => probe.name).join(', ')}`,
    bare: climbed.flatMap((probe) => probe.bare),
    cli: ['evidence', '--runs', '1', '--no-build', '--format', 'json', target],
  });
  return probes;
}

async function bareRuns(place: ProjectPlace, bare: BareRun[]): Promise<number> {
  let total = 0;
  for (const one of bare) total += (await place.make(one.args, one.wrapWith)).ms;
  return total;
}

function failed(what: string, result: TimedRun): Error {
  return new Error(`${what} exited ${result.exitCode}: ${result.stderrTail}`);
}

/** A probe answers with exit 0 or 1 (its verdict); anything else is no answer, and no figure. */
const answered = (result: TimedRun): boolean => result.exitCode === 0 || result.exitCode === 1;

async function measureProject(
  project: RealProject,
  rounds: number,
  log: (message: string) => void,
): Promise<Figure[]> {
  const { detectMake, DATABASE_GOAL } = engine();
  const detected = await detectMake('make');
  if (!detected.ok) throw new Error(detected.message);
  const cliPath = path.join(benchDist, 'cli.js');
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing (run without --no-build)`);
  const list = pairs(project.target, detected.make.tracesPhony, DATABASE_GOAL, strace());
  const place = ProjectPlace.create(project);
  const build: number[] = [];
  const roundMs: number[] = [];
  const samples = new Map<string, Samples>(list.map((p) => [p.name, { bare: [], cli: [], cliExits: [] }]));
  try {
    for (let round = 0; round < rounds; round++) {
      place.reset();
      log(`realworld ${project.name}: round ${round + 1}/${rounds}, make ${project.target} from clean`);
      const built = await place.make([project.target]);
      if (built.exitCode !== 0) throw failed(`make ${project.target} from clean`, built);
      build.push(built.ms);
      let total = built.ms;
      // Bare and CLI back to back, on the tree the bare build left (every probe leaves it unchanged).
      for (const pair of list) {
        const sample = samples.get(pair.name)!;
        const bare = await bareRuns(place, pair.bare);
        const [command, ...args] = pair.cli;
        const cli = await place.cli(cliPath, command, args);
        if (!answered(cli)) throw failed(`makescope ${pair.cli.join(' ')}`, cli);
        sample.bare.push(bare);
        sample.cli.push(cli.ms);
        sample.cliExits.push(cli.exitCode);
        total += bare + cli.ms;
      }
      roundMs.push(total);
    }
  } finally {
    place.dispose();
  }
  const buildMedian = median(build);
  const figures: Figure[] = [
    {
      key: `realworld.${project.name}.buildMs`,
      section: SECTION,
      label: `${project.name}: make -C ${project.directory} ${project.target} from clean (bare)`,
      value: buildMedian,
      unit: 'ms',
      peer: `one whole round (this build, then every probe and its bare make): ${formatValue(median(roundMs), 'ms')}; ${rounds} round(s)`,
      details: { rounds, samples: build, roundMs },
    },
  ];
  for (const pair of list) figures.push(probeFigure(project, pair, samples.get(pair.name)!, rounds));
  return figures;
}

function probeFigure(project: RealProject, pair: Pair, sample: Samples, rounds: number): Figure {
  const bare = median(sample.bare);
  const cli = median(sample.cli);
  const overBare = median(sample.cli.map((t, round) => t - sample.bare[round]));
  const exits = [...new Set(sample.cliExits)].join('/');
  return {
    key: `realworld.${project.name}.${pair.name}.ms`,
    section: SECTION,
    label: `${project.name}: makescope ${pair.cli.join(' ')} (CLI, built tree)`,
    value: cli,
    unit: 'ms',
    baseline: bare,
    peer: `bare \`${pair.wraps}\` ${formatValue(bare, 'ms')}: ${ratio(cli, bare)} bare make, ${formatValue(overBare, 'ms')} over it (median of per-round differences); CLI exit ${exits}; ${rounds} round(s)`,
    ratios: { vsBare: cli / bare, overBareMs: overBare },
    details: {
      bareMs: bare,
      rounds,
      samples: { bare: sample.bare, cli: sample.cli },
      cliExits: sample.cliExits,
    },
  };
}

/** Opt-in (`--only=realworld`): minutes per project, and only where scripts/fetch-real-projects.sh ran. */
export async function realworldBench(options: {
  quick: boolean;
  log: (message: string) => void;
}): Promise<Figure[]> {
  const projects = Object.values(PROJECTS);
  const missing = realProjectsMissing(projects);
  if (missing) return [notAvailable('realworld.error', SECTION, 'real projects', 'ms', missing)];
  const rounds = options.quick ? 1 : 3;
  const figures: Figure[] = [];
  for (const project of projects) {
    try {
      figures.push(...(await measureProject(project, rounds, options.log)));
    } catch (error) {
      figures.push(
        notAvailable(`realworld.${project.name}.error`, SECTION, project.name, 'ms', errorText(error)),
      );
    }
  }
  return figures;
}
