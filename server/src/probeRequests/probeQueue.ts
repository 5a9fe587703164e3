// One probe at a time per folder: a later probe waits for the earlier ones, and a cancel ends its wait.
import { ProbeError } from '../../../engine/probes/probeOptions';

function waitOrAbort(previous: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new ProbeError('cancelled', 'cancelled'));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(new ProbeError('cancelled', 'cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    void previous.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

/**
 * Two probes on one folder would run make twice over the same files (remade makefiles, `+` lines,
 * sub-makes): their runs and outputs could interleave. Probes on different folders run in parallel.
 */
export class ProbeQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Whether a probe is running or waiting on `key`. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  async run<T>(key: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release = (): void => undefined;
    const done = new Promise<void>((resolve) => (release = resolve));
    // The next probe waits for this one and for everything before it, even if this one is cancelled.
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    try {
      await waitOrAbort(previous, signal);
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
