// The parser section in a process of its own, started with the language server's Node options: its heap
// holds what a server's would while parsing (the parser and the files, beside the peer parsers), not the
// rest of the bench, so the figure does not swing with what other sections left behind.
import { largestFile, realCorpus } from './corpus';
import { lintBench, SYNTHETIC_100K } from './lintBench';
import { parserBench } from './parserBench';
import { loadPeers } from './treeSitter';

async function main(): Promise<void> {
  const [synthetic100k, rounds, warmup] = process.argv.slice(2);
  const groups = realCorpus();
  const peers = await loadPeers();
  const cmake = groups.find((group) => group.name === 'cmake' && !group.na);
  const options = { rounds: Number(rounds), warmup: Number(warmup) };
  const generated30k = cmake && largestFile(cmake);
  const figures = parserBench(groups, synthetic100k, generated30k, peers, options);
  if (generated30k) figures.push(lintBench(generated30k, options));
  figures.push(lintBench(synthetic100k, options, SYNTHETIC_100K));
  process.stdout.write(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
