// `make -p` output parse throughput (the probe engine's DatabaseParser) and its peak memory.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { cacheRoot } from './corpus';
import { engine } from './dist';
import { errorText, formatValue, notAvailable, ratio, type Figure } from './figures';
import { interleaved, median } from './stats';
import { cached, failure, run, runWorker } from './tools';

const SECTION = 'database';
/** The size of the chunks a pipe delivers to the probe. */
export const CHUNK_CHARS = 64 * 1024;

/** `make -pq` on the 100,000-line synthetic Makefile: a database of several MB. */
function database(makefile: string): string {
  const dir = path.join(cacheRoot, 'database');
  const output = path.join(dir, 'make-p.txt');
  const stat = statSync(makefile);
  cached(dir, `v1-${stat.size}-${stat.mtimeMs}`, () => {
    mkdirSync(dir, { recursive: true });
    // Exit 2 is expected (no source files exist); the database is printed all the same.
    const result = run('make', ['-pq', '-f', makefile], { cwd: dir, stdoutFile: output });
    if (!result.stdout.includes('# Make data base')) throw failure('make -pq', result);
  });
  return output;
}

function chunks(text: string): string[] {
  const list: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK_CHARS) list.push(text.slice(i, i + CHUNK_CHARS));
  return list;
}

/** Peak memory in a fresh process that streams the file from disk through the parser. */
function memory(file: string): { peakMB: number; baselineMB: number; modelMB: number; items: number } {
  return runWorker(
    'memory',
    ['--expose-gc', '--import', 'tsx'],
    path.join(__dirname, 'databaseWorker.ts'),
    [file],
    120_000,
  );
}

export function databaseBench(makefile: string, options: { rounds: number; warmup: number }): Figure[] {
  let file: string;
  try {
    file = database(makefile);
  } catch (error) {
    return [notAvailable('database.parseMBps', SECTION, 'make -p parse', 'MB/s', errorText(error))];
  }
  const text = readFileSync(file, 'utf8');
  const parts = chunks(text);
  const mb = Buffer.byteLength(text) / 1048576;
  const lines = text.split('\n').length;
  const [bound, ours] = interleaved(
    [
      () => {
        const splitter = new (engine().LineSplitter)(() => undefined);
        for (const part of parts) splitter.push(part);
        splitter.finish();
      },
      () => {
        const parser = new (engine().DatabaseParser)();
        for (const part of parts) parser.push(part);
        parser.finish();
      },
    ],
    options.rounds,
    options.warmup,
  );
  const oursMBps = mb / (median(ours) / 1000);
  const boundMBps = mb / (median(bound) / 1000);
  const figures: Figure[] = [
    {
      key: 'database.parseMBps',
      section: SECTION,
      label: `make -pq database of ${mb.toFixed(1)} MB (${lines.toLocaleString('en-US')} lines), 64 KB chunks`,
      value: oursMBps,
      unit: 'MB/s',
      peer: `line splitting alone (bound) ${formatValue(boundMBps, 'MB/s')}: ours at ${ratio(oursMBps, boundMBps)} of it`,
      ratios: { vsLineSplitting: oursMBps / boundMBps },
      details: { mb, lines, msMedian: median(ours), boundMsMedian: median(bound) },
    },
  ];
  try {
    const m = memory(file);
    figures.push({
      key: 'database.peakMemoryMB',
      section: SECTION,
      label: `peak RSS growth while streaming the ${mb.toFixed(1)} MB database from disk`,
      value: m.peakMB - m.baselineMB,
      unit: 'MB',
      peer: `model kept after GC ${m.modelMB.toFixed(1)} MB heap (${m.items.toLocaleString('en-US')} variables+files+rules); output ${mb.toFixed(1)} MB; process peak ${m.peakMB.toFixed(1)} MB`,
      details: m,
    });
  } catch (error) {
    figures.push(
      notAvailable('database.peakMemoryMB', SECTION, 'peak memory while parsing', 'MB', errorText(error)),
    );
  }
  return figures;
}
