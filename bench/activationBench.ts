// Extension activation: loading dist/extension.js plus the client start (server forked, initialize answered).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { benchDist } from './dist';
import { errorText, formatValue, notAvailable, type Figure } from './figures';
import { median } from './stats';
import { runWorker } from './tools';
import { SERVER_NODE_OPTIONS } from '../contract/serverNodeOptions';

const SECTION = 'activation';

interface Sample {
  requireMs: number;
  /** dist/languageClient.js, which the extension loads after activate() returned. */
  clientLoadMs: number;
  startMs: number;
}

function sample(): Sample {
  const worker = path.join(__dirname, 'activationWorker.js');
  return runWorker('activation', [], worker, [benchDist, SERVER_NODE_OPTIONS.join(' ')], 30_000);
}

/**
 * From loading the extension to a server that answers: the activation bundle, then (after activate()
 * returned) the language client bundle and the server's fork and initialize. Each sample is a fresh process.
 */
export function activationBench(options: { quick: boolean }): Figure[] {
  const label =
    'extension load to server ready: require(dist/extension.js), then dist/languageClient.js + server start and initialize over stdio';
  if (!existsSync(path.join(benchDist, 'extension.js'))) {
    return [
      notAvailable(
        'activation.untilServerReadyMs',
        SECTION,
        label,
        'ms',
        'dist/extension.js missing (npm run build)',
      ),
    ];
  }
  try {
    sample();
    const samples = Array.from({ length: options.quick ? 5 : 15 }, sample);
    const total = median(samples.map((s) => s.requireMs + s.clientLoadMs + s.startMs));
    const load = median(samples.map((s) => s.requireMs));
    const clientLoad = median(samples.map((s) => s.clientLoadMs));
    const start = median(samples.map((s) => s.startMs));
    return [
      {
        key: 'activation.untilServerReadyMs',
        section: SECTION,
        label,
        value: total,
        unit: 'ms',
        peer: `activation bundle load ${formatValue(load, 'ms')} + client library load ${formatValue(clientLoad, 'ms')} + server start to initialize ${formatValue(start, 'ms')} (medians of ${samples.length} fresh processes); VS Code's own extension-host work not included`,
        details: { samples },
      },
    ];
  } catch (error) {
    return [notAvailable('activation.untilServerReadyMs', SECTION, label, 'ms', errorText(error))];
  }
}
