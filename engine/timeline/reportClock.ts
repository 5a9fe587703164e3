// The recipe recorder's reports are stamped by the probe when it reads them, which is late whenever the probe's
// event loop is busy (a garbage collection, a request the server answers meanwhile): a late start shortens a span.
// Each timed report also carries the kernel's uptime read just before it was written (/proc/uptime, in 10 ms steps,
// read by the shell's `read` and make's `$(file <)`: no process), which bounds how late its stamp can be.
import { readFileSync } from 'node:fs';
import { monotonicMs } from '../probes/monotonicMs';
import type { StampedLine } from './recipeRecorder';

/** The reports whose second field is the uptime they were written at: R (make starts), S and E (a line's start and end). */
const TIMED = /^[RSE]$/;
/** /proc/uptime's step. */
const STEP = 0.01;

/** One reading of the two clocks: the probe's (monotonic, seconds) and the kernel's uptime (seconds since boot). */
export interface ClockPair {
  probe: number;
  uptime: number;
}

/** The probe's clock (monotonic), in seconds. */
export const probeNow = (): number => monotonicMs() / 1000;

/** The uptime with the probe's clock read just after it (undefined where /proc/uptime cannot be read). */
export function readClockPair(): ClockPair | undefined {
  try {
    const uptime = Number.parseFloat(readFileSync('/proc/uptime', 'latin1'));
    return Number.isFinite(uptime) ? { probe: probeNow(), uptime } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The reports with their uptime field taken out and each stamp moved back to at most one uptime step after the
 * uptime it carries, on the probe's clock. The two clocks differ by a constant (the time the machine spent
 * suspended, 0 on most); each pair (a report's stamp, its uptime) bounds it from above, since a report is read
 * after it is written and written after its uptime was read. The least such bound is the offset used: a stamp
 * later than the offset allows by more than a step is a late read, not a late write.
 */
export function onKernelClock(lines: readonly StampedLine[], pairs: readonly ClockPair[]): StampedLine[] {
  const read = lines.map(({ time, line }) => {
    const fields = line.split(' ');
    if (!TIMED.test(fields[0] ?? '') || fields.length < 2) return { time, line, uptime: NaN };
    const uptime = fields[1] === '' ? NaN : Number(fields[1]);
    return { time, line: [fields[0], ...fields.slice(2)].join(' '), uptime };
  });
  let offset = Infinity;
  for (const { probe, uptime } of pairs) offset = Math.min(offset, probe - uptime);
  for (const { time, uptime } of read) if (Number.isFinite(uptime)) offset = Math.min(offset, time - uptime);
  return read.map(({ time, line, uptime }) => ({
    time: Number.isFinite(uptime) && Number.isFinite(offset) ? Math.min(time, uptime + offset + STEP) : time,
    line,
  }));
}
