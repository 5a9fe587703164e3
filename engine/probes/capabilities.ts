// Which make is configured, whether it is GNU make, its version and .FEATURES, and what probes it allows.
import { open, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { PRODUCT_VERSION } from '../version';
import { recall, remember } from './detectionCache';
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
async function identity(makePath: string): Promise<{ file: string; key: string } | undefined> {
  const candidates = makePath.includes('/')
    ? [path.resolve(makePath)]
    : (process.env.PATH ?? '').split(path.delimiter).map((folder) => path.join(folder, makePath));
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile())
      return {
        file: candidate,
        key: [candidate, info.dev, info.ino, info.size, info.mtimeMs, info.ctimeMs].join('\0'),
      };
  }
  return undefined;
}

/** A script (`#!`) may run another make that changes while the script does not: not kept on disk. */
async function isScript(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (handle === undefined) return true;
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead < 2 || buffer.toString('latin1') === '#!';
  } finally {
    await handle.close();
  }
}

function isCapabilities(value: unknown): value is MakeCapabilities {
  const make = value as Partial<MakeCapabilities> | null;
  const version = make?.version;
  return (
    typeof make?.path === 'string' &&
    typeof version?.major === 'number' &&
    typeof version.minor === 'number' &&
    typeof version.patch === 'number' &&
    typeof version.text === 'string' &&
    Array.isArray(make.features) &&
    make.features.every((feature) => typeof feature === 'string') &&
    [make.canTrace, make.canShuffle, make.tracesPhony, make.canEval].every((b) => typeof b === 'boolean')
  );
}

// Detection costs a make run; every probe needs it, so the answer is kept per executable (path,
// device, inode, size, mtime, ctime): replacing or upgrading make invalidates it. Kept in memory for
// the process and on disk for the next one (each CLI call is a new process).
const detected = new Map<string, MakeCapabilities>();
const diskKey = (key: string): string => `make capabilities 1\0${PRODUCT_VERSION}\0${key}`;

/** Detects make, reusing an earlier answer for the same unchanged executable. */
export async function detectMake(makePath = 'make', signal?: AbortSignal): Promise<CapabilityResult> {
  const id = await identity(makePath);
  const known =
    id === undefined
      ? undefined
      : (detected.get(id.key) ?? (await recall('make', diskKey(id.key), isCapabilities)));
  if (known) {
    if (id !== undefined) detected.set(id.key, known);
    return { ok: true, make: { ...known, path: makePath } };
  }
  const result = await detectMakeUncached(makePath, signal);
  if (result.ok && id !== undefined) {
    detected.set(id.key, result.make);
    if (!(await isScript(id.file))) await remember('make', diskKey(id.key), result.make);
  }
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
