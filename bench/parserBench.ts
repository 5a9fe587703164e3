// Parser throughput on real and synthetic Makefiles, side by side with tree-sitter-make and read+split.
import { readFileSync, statSync } from 'node:fs';
import { type CorpusGroup } from './corpus';
import { engine } from './dist';
import { errorText, formatValue, notAvailable, ratio, type Figure } from './figures';
import { interleaved, median, pairedRatio } from './stats';
import type { PeerParser, Peers } from './treeSitter';

const SECTION = 'parser';
const LARGE_FILE_LINES = 1000;

interface FileInput {
  file: string;
  lines: number;
  bytes: number;
}

interface Contender {
  name: string;
  run(text: string): void;
}

export interface ParserBenchOptions {
  rounds: number;
  warmup: number;
}

/** The parser is a placeholder until it lands; its output has no statements for any input. */
export function parserIsStub(): boolean {
  return engine().parseMakefile('A := 1\nall: b\n\techo $(A)\n').statements.length === 0;
}

function inputs(files: readonly string[]): FileInput[] {
  return files.map((file) => {
    const text = readFileSync(file, 'utf8');
    return { file, lines: text.split('\n').length, bytes: statSync(file).size };
  });
}

function contenders(peers: Peers): Contender[] {
  const { parseMakefile } = engine();
  const list: Contender[] = [
    { name: 'read+split', run: (text) => void text.split('\n') },
    { name: 'makescope', run: (text) => void parseMakefile(text) },
  ];
  const peer = (p: PeerParser | undefined, name: string): void => {
    if (p) list.push({ name, run: (text) => void p.parse(text) });
  };
  peer(peers.wasm, 'tree-sitter WASM');
  peer(peers.native, 'tree-sitter native');
  return list;
}

/** The name a budget uses for ours ÷ each contender (bench/budgets.json: `figureKey:name`). */
const RATIO_NAMES: Record<string, string> = {
  'read+split': 'vsReadSplit',
  'tree-sitter WASM': 'vsTreeSitterWasm',
  'tree-sitter native': 'vsTreeSitterNative',
};

/** Every contender reads each file from the (warm) page cache and does its work, in turn, per round. */
function throughput(
  key: string,
  label: string,
  files: FileInput[],
  peers: Peers,
  options: ParserBenchOptions,
): Figure {
  const lines = files.reduce((sum, f) => sum + f.lines, 0);
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const list = contenders(peers);
  // Three times the rounds of the other sections (a round of the dense file takes ~1 s for all four):
  // with 7, the ratio to tree-sitter swung by a third between runs of the same code.
  const times = interleaved(
    list.map((c) => () => {
      for (const f of files) c.run(readFileSync(f.file, 'utf8'));
    }),
    options.rounds * 3,
    options.warmup,
    { rotate: true },
  );
  const linesPerSec = times.map((t) => lines / (median(t) / 1000));
  const mbPerSec = times.map((t) => bytes / 1048576 / (median(t) / 1000));
  const ours = linesPerSec[1];
  // Ours ÷ theirs in lines/s is their time ÷ ours, round by round.
  const vs = times.map((t) => pairedRatio(t, times[1] as number[]));
  const peerText = list
    .map((c, i) => {
      if (i === 1) return undefined;
      const mine = i === 0 ? `ours at ${ratio(vs[i], 1)} of it` : `ours ${ratio(vs[i], 1)}`;
      return `${c.name} ${formatValue(linesPerSec[i], 'lines/s')} (${mine})`;
    })
    .filter(Boolean)
    .join('; ');
  const missing = [peers.wasmNa, peers.nativeNa].filter(Boolean).join('; ');
  return {
    key,
    section: SECTION,
    label: `${label} (${files.length} files, ${lines.toLocaleString('en-US')} lines, ${(bytes / 1048576).toFixed(1)} MB)`,
    value: ours,
    unit: 'lines/s',
    peer: missing ? `${peerText}; ${missing}` : peerText,
    ratios: Object.fromEntries(list.flatMap((c, i) => (i === 1 ? [] : [[RATIO_NAMES[c.name], vs[i]]]))),
    details: {
      lines,
      bytes,
      mbPerSec: mbPerSec[1],
      contenders: list.map((c, i) => ({
        name: c.name,
        linesPerSec: linesPerSec[i],
        mbPerSec: mbPerSec[i],
        msMedian: median(times[i]),
      })),
    },
  };
}

/** Parse time of one file already in memory (the "30,000-line generated Makefile" budget). */
function singleFileMs(
  key: string,
  label: string,
  file: string,
  peers: Peers,
  options: ParserBenchOptions,
): Figure {
  const text = readFileSync(file, 'utf8');
  const runs = Math.max(options.rounds * 3, 9);
  const { parseMakefile } = engine();
  const [ours] = interleaved([() => void parseMakefile(text)], runs, options.warmup * 3);
  const wasm = peers.wasm
    ? interleaved([() => void peers.wasm?.parse(text)], options.rounds, options.warmup)
    : undefined;
  const lines = text.split('\n').length;
  return {
    key,
    section: SECTION,
    label: `${label} (${lines.toLocaleString('en-US')} lines)`,
    value: median(ours),
    unit: 'ms',
    peer: wasm ? `tree-sitter WASM ${formatValue(median(wasm[0]), 'ms')}` : peers.wasmNa,
    // Time ratio: ours ÷ tree-sitter WASM's (below 1 is faster).
    ratios: wasm ? { timeVsTreeSitterWasm: median(ours) / median(wasm[0]) } : undefined,
    details: { lines, samples: ours },
  };
}

/** Share of files parsed without problems (ours) and without ERROR/MISSING nodes (tree-sitter). */
function cleanFiles(files: FileInput[], peers: Peers): Figure {
  const key = 'parser.cleanFilesPercent';
  const label = `real files parsed without problems (${files.length} files)`;
  if (parserIsStub()) return notAvailable(key, SECTION, label, '%', 'parser is still the placeholder stub');
  const ours = files.filter(
    (f) => engine().parseMakefile(readFileSync(f.file, 'utf8')).problems.length === 0,
  ).length;
  const wasm = peers.wasm ?? peers.native;
  const theirs = wasm ? files.filter((f) => !wasm.parse(readFileSync(f.file, 'utf8'))).length : undefined;
  return {
    key,
    section: SECTION,
    label,
    value: (100 * ours) / files.length,
    unit: '%',
    peer:
      theirs === undefined
        ? 'tree-sitter n/a'
        : `tree-sitter-make without ERROR nodes: ${((100 * theirs) / files.length).toFixed(1)} %`,
    details: { ours, theirs, files: files.length },
  };
}

export function parserBench(
  groups: CorpusGroup[],
  synthetic100k: string,
  generated30k: string | undefined,
  peers: Peers,
  options: ParserBenchOptions,
): Figure[] {
  const figures: Figure[] = [];
  const stub = parserIsStub() ? ' [parser is the placeholder stub: figures are not the real parser]' : '';
  const guarded = (key: string, label: string, unit: string, measure: () => Figure): void => {
    try {
      const figure = measure();
      if (stub) figure.peer = `${figure.peer ?? ''}${stub}`;
      figures.push(figure);
    } catch (error) {
      figures.push(notAvailable(key, SECTION, label, unit, errorText(error)));
    }
  };
  const real: FileInput[] = [];
  for (const group of groups) {
    const key = `parser.${group.name}.linesPerSec`;
    if (group.na) {
      figures.push(notAvailable(key, SECTION, `${group.name}: ${group.source}`, 'lines/s', group.na));
      continue;
    }
    const files = inputs(group.files);
    real.push(...files);
    guarded(key, group.name, 'lines/s', () => throughput(key, `${group.name}`, files, peers, options));
  }
  const large = real.filter((f) => f.lines >= LARGE_FILE_LINES);
  guarded('parser.realLargeLinesPerSec', 'real files', 'lines/s', () =>
    throughput(
      'parser.realLargeLinesPerSec',
      `all real files >= ${LARGE_FILE_LINES} lines`,
      large,
      peers,
      options,
    ),
  );
  guarded('parser.synthetic100k.linesPerSec', 'synthetic', 'lines/s', () =>
    throughput(
      'parser.synthetic100k.linesPerSec',
      'synthetic 100,000-line Makefile',
      inputs([synthetic100k]),
      peers,
      options,
    ),
  );
  if (generated30k) {
    guarded('parser.generated30kMs', 'cmake top-level Makefile', 'ms', () =>
      singleFileMs(
        'parser.generated30kMs',
        'parse of the cmake-generated top-level Makefile',
        generated30k,
        peers,
        options,
      ),
    );
  } else {
    figures.push(
      notAvailable(
        'parser.generated30kMs',
        SECTION,
        '30,000-line generated Makefile',
        'ms',
        'cmake corpus not available',
      ),
    );
  }
  if (real.length > 0) figures.push(cleanFiles(real, peers));
  return figures;
}
