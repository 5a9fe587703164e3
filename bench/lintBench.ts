// What linting costs beside parsing: the static lint rules on cmake's 30,000-line Makefile against its parse, same rounds.
import { readFileSync } from 'node:fs';
import { engine } from './dist';
import { errorText, formatValue, notAvailable, type Figure } from './figures';
import { interleaved, median, percentile } from './stats';

const KEY = 'parser.generated30kLintMs';
const LABEL = 'lint (static rules MS101-MS114) of the cmake-generated top-level Makefile';

/**
 * Per round, in turn: the parse alone (`parseMakefile`, the parser row's figure); a fresh workspace model
 * reading and indexing the file (untimed for the ratio: it holds the parse); and `lintFile` on that model,
 * as the server lints a file it has just indexed. The recipe shell rules (MS201/MS202) run programs and
 * are not part of this figure.
 */
export function lintBench(file: string, options: { rounds: number; warmup: number }): Figure {
  try {
    const { parseMakefile, WorkspaceModel, lintFile, pathToUri } = engine();
    const text = readFileSync(file, 'utf8');
    const uri = pathToUri(file);
    const environment = new Set(Object.keys(process.env));
    let model = new WorkspaceModel({ maxFileBytes: 10 * 1048576, includeDirs: [] });
    let findings = 0;
    const [parse, index, lint] = interleaved(
      [
        () => void parseMakefile(text),
        () => {
          model = new WorkspaceModel({ maxFileBytes: 10 * 1048576, includeDirs: [] });
          model.openDocument(uri, text, 1);
          if (!model.index(uri)) throw new Error(`the model did not index ${file}`);
        },
        () => {
          findings = lintFile(model, uri, { environment }).length;
        },
      ],
      Math.max(options.rounds * 3, 9),
      options.warmup * 3,
    );
    const lines = text.split('\n').length;
    const ratio = median(lint) / median(parse);
    return {
      key: KEY,
      section: 'parser',
      label: `${LABEL} (${lines.toLocaleString('en-US')} lines, ${findings} findings)`,
      value: median(lint),
      unit: 'ms',
      peer:
        `its parse in the same rounds ${formatValue(median(parse), 'ms')} (lint ${ratio.toFixed(2)}x of it); ` +
        `lint p95 ${formatValue(percentile(lint, 95), 'ms')}, parse p95 ${formatValue(percentile(parse, 95), 'ms')}; ` +
        `reading it into a fresh model (parse + index) ${formatValue(median(index), 'ms')}`,
      ratios: { overParse: ratio },
      details: { lines, findings, parse, index, lint },
    };
  } catch (error) {
    return notAvailable(KEY, 'parser', LABEL, 'ms', errorText(error));
  }
}
