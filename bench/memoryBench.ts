// Memory per byte of input: the worst of the named hostile shapes (test/shared/hostileShapes.ts), parsed at
// about 1 MB each in a worker (bench/memoryWorker.ts), as retained heap over the file's size.
import * as path from 'node:path';
import { SERVER_NODE_OPTIONS } from '../contract/serverNodeOptions';
import { errorText, notAvailable, type Figure } from './figures';
import type { ShapeMemory } from './memoryWorker';
import { runWorker } from './tools';

const SECTION = 'memory';
const KEY = 'memory.worstHostileShape.perByte';
const LABEL = 'heap a parse keeps per byte of input, worst of the hostile shapes (each about 1 MB)';

export function memoryBench(): Figure[] {
  try {
    const shapes = runWorker<ShapeMemory[]>(
      'memory',
      [...SERVER_NODE_OPTIONS, '--expose-gc', '--import', 'tsx'],
      path.join(__dirname, 'memoryWorker.ts'),
      [],
      10 * 60_000,
    );
    const sorted = [...shapes].sort((a, b) => b.perByte - a.perByte);
    const worst = sorted[0];
    return [
      {
        key: KEY,
        section: SECTION,
        label: LABEL,
        value: worst.perByte,
        unit: 'x',
        peer: `worst: ${worst.shape} (${(worst.bytes / 1048576).toFixed(2)} MB kept ${(worst.retainedBytes / 1048576).toFixed(1)} MB); next: ${sorted
          .slice(1, 4)
          .map((s) => `${s.shape} ${s.perByte.toFixed(1)}x`)
          .join(', ')}`,
        details: { shapes: sorted },
      },
    ];
  } catch (error) {
    return [notAvailable(KEY, SECTION, LABEL, 'x', errorText(error))];
  }
}
