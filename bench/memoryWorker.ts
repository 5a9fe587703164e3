// What a parse keeps, per byte of input, for each named hostile shape at about 1 MB: run in a process of its
// own with the server's Node options and --expose-gc, so the heap holds only the parse being measured.
import { HOSTILE_SHAPES } from '../test/shared/hostileShapes';
import { parseMakefile } from '../engine/parser/parser';

const TARGET_BYTES = 1 << 20;

export interface ShapeMemory {
  shape: string;
  bytes: number;
  retainedBytes: number;
  perByte: number;
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the memory worker needs --expose-gc');
  gc();
  gc();
}

/** The shape at about TARGET_BYTES: its generator's size scaled from the test's n, at most 10x that n. */
function atAboutOneMegabyte(n: number, generate: (n: number) => string): string {
  const sample = Buffer.byteLength(generate(n));
  const scaled = Math.max(1, Math.min(10 * n, Math.round((n * TARGET_BYTES) / sample)));
  return generate(scaled);
}

function measure(): ShapeMemory[] {
  return Object.entries(HOSTILE_SHAPES).map(([shape, [n, generate]]) => {
    const text = atAboutOneMegabyte(n, generate);
    const bytes = Buffer.byteLength(text);
    collect();
    const before = process.memoryUsage().heapUsed;
    const kept = parseMakefile(text);
    collect();
    const retainedBytes = process.memoryUsage().heapUsed - before;
    if (kept.lineCount < 1) throw new Error(`${shape}: the parse kept no line`);
    return { shape, bytes, retainedBytes, perByte: retainedBytes / bytes };
  });
}

process.stdout.write(JSON.stringify(measure()));
