// Child process of the database bench: streams one `make -p` file through the parser, reports memory.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { engine } from './dist';

function statusMB(field: 'VmRSS' | 'VmHWM'): number {
  if (!existsSync('/proc/self/status')) return process.memoryUsage().rss / 1048576;
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(file: string): Promise<void> {
  collect();
  const baselineMB = statusMB('VmRSS');
  const heapBefore = process.memoryUsage().heapUsed;
  const parser = new (engine().DatabaseParser)();
  let peakSampled = baselineMB;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  for await (const chunk of stream) {
    parser.push(chunk as string);
    peakSampled = Math.max(peakSampled, process.memoryUsage().rss / 1048576);
  }
  const model = parser.finish();
  collect();
  const modelMB = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
  const peakMB = Math.max(peakSampled, statusMB('VmHWM'));
  const items = model.variables.length + model.files.length + model.patternRules.length;
  process.stdout.write(JSON.stringify({ peakMB, baselineMB, modelMB, items }));
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
