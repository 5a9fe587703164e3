// Values make itself resolves for hovers: every variable of the project in one make run, cached until a makefile changes.
import * as path from 'node:path';
import type { HoverResolvedValue as HoverValue } from '../features/hover';
import { resolveProbe } from '../../../engine/probes/resolveProbe';
import type { Settings } from '../../../contract/settings';

/** How long a hover waits for make before showing the static facts alone (the answer stays cached). */
export const HOVER_BUDGET_MS = 2000;
const PROBE_TIMEOUT_MS = 15_000;

/** A name the resolve helper can print (the probe refuses others); more than this many are resolved one by one. */
const RESOLVABLE = /^[^\s$(){}#=:,\\]+$/;
const MAX_BATCH = 5000;

export class ResolvedValues {
  private entries = new Map<string, Promise<HoverValue | undefined>>();
  /** Per makefile: every variable the project defines, resolved by one make run (first hover only). */
  private batches = new Map<string, Promise<Map<string, HoverValue | undefined> | undefined>>();
  private generation = '';

  /** Values for `name`, globally and (where it differs) for `target`; undefined parts are dropped. */
  async lookup(
    /** Changes when anything make's values depend on changed (the project's files, the settings). */
    generation: string,
    makefile: string,
    name: string,
    target: string | undefined,
    settings: Settings,
    /** Every variable name the project defines: resolved together on the first hover. */
    projectNames: () => string[] = () => [],
  ): Promise<HoverValue[]> {
    this.useGeneration(generation);
    const global = this.globalEntry(makefile, name, settings, projectNames);
    const specific = target === undefined ? undefined : this.entry(makefile, name, target, settings);
    const settled = await withBudget(Promise.all([global, specific]), HOVER_BUDGET_MS);
    if (!settled) return [];
    const [globalValue, targetValue] = settled;
    const values: HoverValue[] = [];
    if (globalValue) values.push(globalValue);
    if (targetValue && targetValue.value !== globalValue?.value) values.push(targetValue);
    return values;
  }

  /** Every variable the project defines, resolved by one make run (started by the first caller); undefined when make failed. */
  projectValues(
    generation: string,
    makefile: string,
    settings: Settings,
    projectNames: () => string[],
  ): Promise<ReadonlyMap<string, HoverValue | undefined> | undefined> {
    this.useGeneration(generation);
    return this.batch(makefile, settings, projectNames, []);
  }

  private useGeneration(generation: string): void {
    if (generation === this.generation) return;
    this.entries.clear();
    this.batches.clear();
    this.generation = generation;
  }

  private batch(
    makefile: string,
    settings: Settings,
    projectNames: () => string[],
    more: string[],
  ): Promise<Map<string, HoverValue | undefined> | undefined> {
    let batch = this.batches.get(makefile);
    if (!batch) {
      const names = [...new Set([...more, ...projectNames()])].filter((n) => RESOLVABLE.test(n));
      batch =
        names.length > more.length && names.length <= MAX_BATCH
          ? this.resolve(makefile, names, undefined, settings)
          : Promise.resolve(undefined);
      this.batches.set(makefile, batch);
    }
    return batch;
  }

  /** The global value: from the project's batch when it has the name, else on its own. */
  private globalEntry(
    makefile: string,
    name: string,
    settings: Settings,
    projectNames: () => string[],
  ): Promise<HoverValue | undefined> {
    return this.batch(makefile, settings, projectNames, [name]).then((values) =>
      values?.has(name) ? values.get(name) : this.entry(makefile, name, undefined, settings),
    );
  }

  private entry(
    makefile: string,
    name: string,
    target: string | undefined,
    settings: Settings,
  ): Promise<HoverValue | undefined> {
    const key = JSON.stringify([makefile, name, target ?? null]);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.resolve(makefile, [name], target, settings).then((values) => values?.get(name));
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** One make run for `names`; undefined when make did not answer (a hover never fails because make did). */
  private resolve(
    makefile: string,
    names: string[],
    target: string | undefined,
    settings: Settings,
  ): Promise<Map<string, HoverValue | undefined> | undefined> {
    return resolveProbe({
      directory: path.dirname(makefile),
      makefile: path.basename(makefile),
      make: settings.makePath,
      variables: names,
      target,
      sandbox: settings.sandbox,
      environment: settings.environment,
      extraArgs: settings.extraArgs,
      timeoutMs: PROBE_TIMEOUT_MS,
    }).then(
      (result) =>
        new Map(
          result.values.map((value) => [
            value.name,
            value.origin === 'undefined'
              ? undefined
              : { value: value.value, origin: value.origin, flavor: value.flavor, target },
          ]),
        ),
      () => undefined,
    );
  }
}

/** The promise's value, or undefined when it takes longer than `budgetMs` (it keeps running). */
export async function withBudget<T>(promise: Promise<T>, budgetMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>(
    (resolve) => (timer = setTimeout(() => resolve(undefined), budgetMs)),
  );
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
