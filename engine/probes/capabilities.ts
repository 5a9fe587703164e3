// Which make is configured, whether it is GNU make, its version and .FEATURES, and what probes it allows.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { runProcess } from './exec';

export interface MakeVersion {
  major: number;
  minor: number;
  patch: number;
  text: string;
}

export interface MakeCapabilities {
  path: string;
  version: MakeVersion;
  features: string[];
  /** `--trace` appeared in GNU make 4.0. */
  canTrace: boolean;
  /** `--shuffle` appeared in GNU make 4.4. */
  canShuffle: boolean;
  /** 4.4 reports "target is .PHONY" in --trace; before that phony targets look missing. */
  tracesPhony: boolean;
  /** `--eval` appeared in GNU make 3.82. */
  canEval: boolean;
}

export type CapabilityResult = { ok: true; make: MakeCapabilities } | { ok: false; message: string };

const INSTALL_HINT =
  'install GNU make 4.0 or newer (Debian/Ubuntu: apt-get install make; macOS: brew install make)';

/** The version in `make --version`'s banner or in the first lines of `make -p` ('# GNU Make 4.3'). */
export function parseVersionBanner(banner: string): MakeVersion | undefined {
  const match = /^(?:# )?GNU Make ((\d+)\.(\d+)(?:\.(\d+))?\S*)/m.exec(banner);
  if (!match) return undefined;
  return {
    major: Number(match[2]),
    minor: Number(match[3]),
    patch: Number(match[4] ?? 0),
    text: match[1],
  };
}

export function atLeast(version: MakeVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}

export function parseFeatures(database: string): string[] {
  const match = /^\.FEATURES := (.*)$/m.exec(database);
  return match ? match[1].split(/\s+/).filter(Boolean) : [];
}

/** The executable a name resolves to on PATH (or the path itself), with what identifies its version. */
async function identity(makePath: string): Promise<string | undefined> {
  const candidates = makePath.includes('/')
    ? [path.resolve(makePath)]
    : (process.env.PATH ?? '').split(path.delimiter).map((folder) => path.join(folder, makePath));
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return `${candidate}\0${info.ino}\0${info.size}\0${info.mtimeMs}`;
  }
  return undefined;
}

// Detection costs a make run; every probe needs it, so the answer is kept per executable
// (path, inode, size, mtime): replacing or upgrading make invalidates it.
const detected = new Map<string, MakeCapabilities>();

/** Detects make, reusing an earlier answer for the same unchanged executable. */
export async function detectMake(makePath = 'make', signal?: AbortSignal): Promise<CapabilityResult> {
  const key = await identity(makePath);
  const known = key === undefined ? undefined : detected.get(key);
  if (known) return { ok: true, make: { ...known, path: makePath } };
  const result = await detectMakeUncached(makePath, signal);
  if (result.ok && key !== undefined) detected.set(key, result.make);
  return result;
}

async function detectMakeUncached(makePath: string, signal?: AbortSignal): Promise<CapabilityResult> {
  // One run: make's database of an empty makefile starts with the version banner ('# GNU Make 4.3')
  // and holds .FEATURES. Any other make refuses -p or prints no such banner.
  const args = ['-f', '/dev/null', '-pq'];
  const database = await runProcess({
    cwd: process.cwd(),
    timeoutMs: 10000,
    maxOutputBytes: 4 * 1024 * 1024,
    signal,
    file: makePath,
    args,
  });
  if (database.outcome === 'spawn-error') {
    return { ok: false, message: `make not found ('${makePath}'): ${INSTALL_HINT}.` };
  }
  if (database.outcome !== 'exited')
    return { ok: false, message: `'${makePath} ${args.join(' ')}' ${database.message}` };
  const version = parseVersionBanner(database.stdout);
  if (!version) {
    return {
      ok: false,
      message: `'${makePath}' is not GNU make (BSD make or another make?): ${INSTALL_HINT}, or point --make at it.`,
    };
  }
  if (!atLeast(version, 4, 0)) {
    return { ok: false, message: `GNU make ${version.text} has no --trace: ${INSTALL_HINT}.` };
  }
  return {
    ok: true,
    make: {
      path: makePath,
      version,
      features: parseFeatures(database.stdout),
      canTrace: true,
      canShuffle: atLeast(version, 4, 4),
      tracesPhony: atLeast(version, 4, 4),
      canEval: true,
    },
  };
}
