// The order make reads the lines of a project: the root makefile top to bottom, each include read where it stands.
import type { WorkspaceModel } from '../analysis/workspaceModel';

/** A sort key per (file, line): lines compare as make meets them while reading the project of `uri`. */
export function readingOrder(model: WorkspaceModel, uri: string): (file: string, line: number) => number[] {
  const project = model.project(uri);
  // Where each file is first included: its includer and the include's line.
  const includedAt = new Map<string, { by: string; line: number }>();
  for (const file of project)
    for (const include of model.includesOf(file.uri))
      if (include.targetUri && include.targetUri !== project[0]?.uri && !includedAt.has(include.targetUri))
        includedAt.set(include.targetUri, { by: file.uri, line: include.site.word.range.start.line });
  const keys = new Map<string, number[]>();
  const prefix = (file: string, seen: Set<string>): number[] => {
    const known = keys.get(file);
    if (known) return known;
    const site = includedAt.get(file);
    // A file outside the project, or an include cycle, reads after everything else.
    const key =
      site === undefined
        ? file === project[0]?.uri
          ? []
          : [Number.MAX_SAFE_INTEGER]
        : seen.has(file)
          ? [Number.MAX_SAFE_INTEGER]
          : [...prefix(site.by, new Set([...seen, file])), site.line];
    keys.set(file, key);
    return key;
  };
  return (file, line) => [...prefix(file, new Set()), line];
}

/** Lexicographic comparison of two reading-order keys. */
export function compareReadingOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
