// Values make itself resolves for hovers: one resolve probe per variable (and target), cached until a makefile changes.
import * as path from 'node:path';
import type { ResolvedValue as HoverValue } from './features/hover';
import { resolveProbe } from './probes/resolveProbe';
import type { Settings } from './settings';

/** How long a hover waits for make before showing the static facts alone (the answer stays cached). */
const HOVER_BUDGET_MS = 2000;
const PROBE_TIMEOUT_MS = 15_000;

export class ResolvedValues {
  private entries = new Map<string, Promise<HoverValue | undefined>>();
  private generation = -1;

  /** Values for `name`, globally and (where it differs) for `target`; undefined parts are dropped. */
  async lookup(
    generation: number,
    makefile: string,
    name: string,
    target: string | undefined,
    settings: Settings,
  ): Promise<HoverValue[]> {
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    const global = this.entry(makefile, name, undefined, settings);
    const specific = target === undefined ? undefined : this.entry(makefile, name, target, settings);
    const settled = await withBudget(Promise.all([global, specific]), HOVER_BUDGET_MS);
    if (!settled) return [];
    const [globalValue, targetValue] = settled;
    const values: HoverValue[] = [];
    if (globalValue) values.push(globalValue);
    if (targetValue && targetValue.value !== globalValue?.value) values.push(targetValue);
    return values;
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
      entry = resolveProbe({
        directory: path.dirname(makefile),
        makefile: path.basename(makefile),
        make: settings.makePath,
        variables: [name],
        target,
        sandbox: settings.sandbox,
        environment: settings.environment,
        extraArgs: settings.extraArgs,
        timeoutMs: PROBE_TIMEOUT_MS,
      }).then(
        (result) => {
          const value = result.values[0];
          if (!value || value.origin === 'undefined') return undefined;
          return { value: value.value, origin: value.origin, flavor: value.flavor, target };
        },
        // A hover never fails because make did: the static part is still shown.
        () => undefined,
      );
      this.entries.set(key, entry);
    }
    return entry;
  }
}

async function withBudget<T>(promise: Promise<T>, budgetMs: number): Promise<T | undefined> {
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
