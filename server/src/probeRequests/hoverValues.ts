// Values make itself resolves for hovers: every variable of the project in one make run through the server's
// one door for make (probeRuns.ts), cached until a makefile changes; a make nobody waits for any more is stopped.
import { pathToFileURL } from 'node:url';
import type { HoverResolvedValue as HoverValue } from '../features/hover';
import { resolveProbe } from '../../../engine/probes/resolveProbe';
import type { ProbeRun } from '../../../contract/protocol';
import type { ProbeRuns } from './probeRuns';

/** How long a hover waits for make before showing the static facts alone (the answer stays cached). */
export const HOVER_BUDGET_MS = 2000;

/** A name the resolve helper can print (the probe refuses others); more than this many are resolved one by one. */
const RESOLVABLE = /^[^\s$(){}#=:,\\]+$/;
const MAX_BATCH = 5000;

type Values = Map<string, HoverValue | undefined> | undefined;

/**
 * One make run shared by the hovers that wait for it. It runs on while one of them still wants it (a hover
 * that showed the static facts after its budget still does); when the last one is cancelled or superseded,
 * make's process group is killed and the run is forgotten, so a later hover asks make again.
 */
class SharedRun {
  private readonly controller = new AbortController();
  private waiting = 0;
  private settled = false;
  readonly answer: Promise<Values>;

  constructor(
    start: (signal: AbortSignal) => Promise<Values>,
    private readonly abandoned: () => void,
  ) {
    this.answer = start(this.controller.signal).finally(() => (this.settled = true));
  }

  /** The answer for a hover that wants it until `signal` aborts. */
  join(signal: AbortSignal): Promise<Values> {
    if (signal.aborted) this.leave();
    else {
      this.waiting++;
      signal.addEventListener('abort', () => (this.waiting--, this.leave()), { once: true });
    }
    return this.answer;
  }

  private leave(): void {
    if (this.waiting > 0 || this.settled || this.controller.signal.aborted) return;
    this.controller.abort();
    this.abandoned();
  }
}

export class HoverValues {
  private entries = new Map<string, SharedRun>();
  /** Per makefile: every variable the project defines, resolved by one make run (first hover only). */
  private batches = new Map<string, SharedRun>();
  private generation = '';

  constructor(
    private readonly runs: ProbeRuns,
    /** Told of the make runs of each resolve, like a probe's answer lists its runs. */
    private readonly record: (runs: ProbeRun[]) => void = () => undefined,
  ) {}

  /** Values for `name`, globally and (where it differs) for `target`; undefined parts are dropped. */
  async lookup(
    /** Changes when anything make's values depend on changed (the project's files, the settings). */
    generation: string,
    makefile: string,
    name: string,
    target: string | undefined,
    /** Aborted when the hover is cancelled, superseded or its document closed. */
    signal: AbortSignal,
    /** Every variable name the project defines: resolved together on the first hover. */
    projectNames: () => string[] = () => [],
  ): Promise<HoverValue[]> {
    this.useGeneration(generation);
    const global = this.globalEntry(makefile, name, signal, projectNames);
    const specific = target === undefined ? undefined : this.entry(makefile, name, target, signal);
    const settled = await withBudget(Promise.all([global, specific]), HOVER_BUDGET_MS, signal);
    if (!settled) return [];
    const [globalValue, targetValue] = settled;
    const values: HoverValue[] = [];
    if (globalValue) values.push(globalValue);
    if (targetValue && targetValue.value !== globalValue?.value) values.push(targetValue);
    return values;
  }

  /** Every variable the project defines, from the project's one make run; undefined when make did not answer. */
  projectValues(
    generation: string,
    makefile: string,
    signal: AbortSignal,
    projectNames: () => string[],
  ): Promise<ReadonlyMap<string, HoverValue | undefined> | undefined> {
    this.useGeneration(generation);
    return this.batch(makefile, [], projectNames).join(signal);
  }

  private useGeneration(generation: string): void {
    if (generation === this.generation) return;
    this.entries.clear();
    this.batches.clear();
    this.generation = generation;
  }

  /** The project's batch run, started by the first caller with the names it needs besides the project's. */
  private batch(makefile: string, more: string[], projectNames: () => string[]): SharedRun {
    const batch = this.batches.get(makefile);
    if (batch) return batch;
    const names = [...new Set([...more, ...projectNames()])].filter((n) => RESOLVABLE.test(n));
    return this.shared(this.batches, makefile, (runSignal) =>
      names.length > more.length && names.length <= MAX_BATCH
        ? this.resolve(makefile, names, undefined, runSignal)
        : Promise.resolve(undefined),
    );
  }

  /** The global value: from the project's batch when it has the name, else on its own. */
  private async globalEntry(
    makefile: string,
    name: string,
    signal: AbortSignal,
    projectNames: () => string[],
  ): Promise<HoverValue | undefined> {
    const values = await this.batch(makefile, [name], projectNames).join(signal);
    return values?.has(name) ? values.get(name) : this.entry(makefile, name, undefined, signal);
  }

  private async entry(
    makefile: string,
    name: string,
    target: string | undefined,
    signal: AbortSignal,
  ): Promise<HoverValue | undefined> {
    const key = JSON.stringify([makefile, name, target ?? null]);
    const entry =
      this.entries.get(key) ??
      this.shared(this.entries, key, (runSignal) => this.resolve(makefile, [name], target, runSignal));
    return (await entry.join(signal))?.get(name);
  }

  /** A new shared run kept in `cache` under `key` until it is abandoned. */
  private shared(
    cache: Map<string, SharedRun>,
    key: string,
    start: (signal: AbortSignal) => Promise<Values>,
  ): SharedRun {
    const run: SharedRun = new SharedRun(start, () => {
      if (cache.get(key) === run) cache.delete(key);
    });
    cache.set(key, run);
    return run;
  }

  /** One make run for `names`; undefined when make did not answer (a hover never fails because make did). */
  private resolve(
    makefile: string,
    names: string[],
    target: string | undefined,
    signal: AbortSignal,
  ): Promise<Values> {
    return this.runs
      .run(
        { uri: pathToFileURL(makefile).toString() },
        signal,
        () => undefined,
        (probe) => resolveProbe({ ...probe, targets: [], variables: names, target }),
      )
      .then(
        (result) => {
          this.record(result.makeRuns ?? []);
          return new Map(
            result.values.map((value) => [
              value.name,
              value.origin === 'undefined'
                ? undefined
                : { value: value.value, origin: value.origin, flavor: value.flavor, target },
            ]),
          );
        },
        () => undefined,
      );
  }
}

/** The answer, or undefined when the budget ran out or the caller was cancelled first (the work goes on). */
export async function withBudget<T>(
  promise: Promise<T>,
  budgetMs: number,
  signal: AbortSignal = new AbortController().signal,
): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort = (): void => undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), budgetMs);
    onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
