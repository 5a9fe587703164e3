// Finds recursive-make calls (`$(MAKE) -C dir`, `cd dir && $(MAKE)`) in recipes and names their directories.
import type { Range } from '../parser/ast';
import type { RecipeSite } from './fileIndex';

export interface SubMakeCall {
  directory: string;
  range: Range;
}

const MAKE_CALL = /\$[({]MAKE[)}]/;
const DASH_C = /(?:^|\s)-C\s*([^\s;&|]+)/;
const CD_THEN = /(?:^|[\s;(])cd\s+([^\s;&|]+)\s*(?:&&|;)/;

/** The directory each sub-make runs in, when it is written literally; `$(...)` directories are skipped. */
export function findSubMakes(recipes: RecipeSite[]): SubMakeCall[] {
  const calls: SubMakeCall[] = [];
  for (const { line } of recipes) {
    if (!MAKE_CALL.test(line.text)) continue;
    const match = DASH_C.exec(line.text) ?? CD_THEN.exec(line.text);
    const directory = match?.[1];
    if (!directory || directory.includes('$')) continue;
    calls.push({ directory, range: line.range });
  }
  return calls;
}
