// Where a probe's make runs: isolated at the project's own paths, in a copy, in place, or nowhere (refused).
import * as path from 'node:path';
import { ALLOW_NAMESPACES, isolationSupport, type IsolationSupport } from './isolation/isolationSupport';
import { findProjectRoot, isInside, type ProjectRoot, realFolder, realPathOf } from './isolation/projectRoot';
import { describeRisk, type SafetyReport, type SafetyRisk, type SandboxPolicy } from './safety';

export type Placement =
  | {
      where: 'isolated';
      reasons: string[];
      root: ProjectRoot;
      isolation: Extract<IsolationSupport, { kind: 'overlayfs' | 'fuse-overlayfs' }>;
    }
  | { where: 'copy'; reasons: string[] }
  | { where: 'in-place'; reasons: string[] }
  | { where: 'refused'; reasons: string[] };

/**
 * A copy lives at another path, so it is only safe when the makefiles name no path of the project
 * by its absolute path (cmake, automake and kbuild do) and reach nothing outside the copied folder.
 * `directory` and `root` are real paths; `realNames` gives an absolute name's real path where a
 * symlink on its way leads elsewhere (the project named through a link is still the project).
 */
export function copyIsSafe(
  directory: string,
  root: string,
  named: readonly string[],
  realNames: ReadonlyMap<string, string> = new Map(),
): string | undefined {
  for (const name of named) {
    const resolved = path.resolve(directory, name);
    const real = realNames.get(name) ?? resolved;
    if (path.isAbsolute(name) && (isInside(resolved, root) || isInside(real, root)))
      return `the makefiles name ${name}${real === resolved ? '' : ` (${real})`}, a path inside the project, which a copy elsewhere would still write`;
    if (!path.isAbsolute(name) && !isInside(resolved, directory) && isInside(resolved, root))
      return `the makefiles reach ${name}, outside the folder a copy would hold`;
  }
  return undefined;
}

export interface PlacementInput {
  policy: SandboxPolicy;
  /** The lines that could write under this probe (static check). */
  risks: SafetyRisk[];
  builds: boolean;
  isolation: IsolationSupport;
  root: ProjectRoot;
  /** Why a copy would not be safe; undefined when it would. */
  copyUnsafe?: string;
}

/** The decision itself, pure. */
export function choosePlacement(input: PlacementInput): Placement {
  const { policy, risks, builds, isolation, root } = input;
  const writes = builds || risks.length > 0;
  const why = builds ? ['this probe builds'] : risks.map(describeRisk);
  if (policy === 'never') {
    return writes
      ? { where: 'refused', reasons: ['make could write and the sandbox policy is "never":', ...why] }
      : {
          where: 'in-place',
          reasons: ['nothing in the makefiles can write under this probe (policy "never")'],
        };
  }
  if (isolation.kind !== 'none') {
    const over = `${isolation.kind} over ${root.root} (${root.why})`;
    return {
      where: 'isolated',
      reasons: [`isolated at the same paths with ${over}`, ...why],
      root,
      isolation,
    };
  }
  const unavailable = `isolation is not available here: ${isolation.why}`;
  if (!writes && policy === 'auto')
    return {
      where: 'in-place',
      reasons: [`${unavailable}; nothing in the makefiles can write under this probe`],
    };
  if (input.copyUnsafe === undefined)
    return {
      where: 'copy',
      reasons: [`${unavailable}; ran in a copy, as the makefiles name no path of the project`, ...why],
    };
  return {
    where: 'refused',
    reasons: [
      `make could write and cannot be isolated here: ${isolation.why}; a copy is not safe either: ${input.copyUnsafe}. To allow it: ${ALLOW_NAMESPACES}`,
      ...why,
    ],
  };
}

/** Decides where a probe runs in `directory`, given the static safety report. */
export async function placeProbe(
  directory: string,
  safety: SafetyReport,
  policy: SandboxPolicy,
  risks: SafetyRisk[],
  builds: boolean,
  forced?: IsolationSupport,
): Promise<Placement> {
  const root = await findProjectRoot(directory, safety.namedPaths);
  const isolation =
    policy === 'never'
      ? ({ kind: 'none', why: 'policy "never"' } as const)
      : (forced ?? (await isolationSupport()));
  return choosePlacement({
    policy,
    risks,
    builds,
    isolation,
    root,
    copyUnsafe:
      isolation.kind === 'none' ? await copyUnsafe(directory, root.root, safety.namedPaths) : undefined,
  });
}

/** copyIsSafe on real paths: the root is one (findProjectRoot), the folder and the named paths made so. */
async function copyUnsafe(
  directory: string,
  root: string,
  named: readonly string[],
): Promise<string | undefined> {
  const realNames = new Map<string, string>();
  for (const name of named.filter((one) => path.isAbsolute(one))) realNames.set(name, await realPathOf(name));
  return copyIsSafe(await realFolder(directory), root, named, realNames);
}
