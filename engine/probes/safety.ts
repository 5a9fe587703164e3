// Finds from the static parse which makefile lines could write under a probe: the reasons a run is isolated.
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { plusLedVariables } from '../analysis/plusLedVariables';
import { parseMakefile } from '../parser/parser';
import type { ParsedMakefile } from '../parser/ast';
import { namedPaths } from './isolation/projectRoot';
import {
  assignsShell,
  assignmentsOf,
  includesOf,
  loadRisks,
  risksInFile,
  type RiskKind,
  type SafetyRisk,
} from './safetyRules';

export type { SafetyRisk, RiskKind } from './safetyRules';

export type SandboxPolicy = 'auto' | 'always' | 'never';

export interface SafetyReport {
  /** The makefile make reads first, relative to the directory; undefined when there is none. */
  makefile?: string;
  /** Every file read (makefile and literal includes that exist). */
  files: string[];
  /** The makefile and every literal include, read or not (a missing one may be made by a rule). */
  makefiles: string[];
  risks: SafetyRisk[];
  /** Absolute paths and paths climbing out with '..' that the makefiles name (the project's extent). */
  namedPaths: string[];
}

const DEFAULT_MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];

/** Above this a file is not read for the check (makefiles are far smaller; make still reads it). */
const MAX_MAKEFILE_BYTES = 64 * 1024 * 1024;

/** A makefile's text, or undefined when it is not a regular file or is larger than `maxBytes`. */
export async function readMakefileText(
  file: string,
  maxBytes = MAX_MAKEFILE_BYTES,
): Promise<string | undefined> {
  try {
    // Only regular files: `include /dev/zero` would be read until memory runs out, and a FIFO
    // would block a libuv thread forever.
    const info = await stat(file);
    if (!info.isFile() || info.size > maxBytes) return undefined;
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The makefile GNU make would read in `directory` (or the one given with -f). */
export async function findMakefile(directory: string, makefile?: string): Promise<string | undefined> {
  if (makefile !== undefined) return makefile;
  for (const name of DEFAULT_MAKEFILES) {
    if ((await readMakefileText(path.join(directory, name))) !== undefined) return name;
  }
  return undefined;
}

/**
 * What identifies a file's content without reading it: inode, size, mtime and ctime (a rewrite in place
 * changes ctime even when mtime is set back), or 'missing' when it is not a regular file.
 */
async function stamp(file: string): Promise<string> {
  const info = await stat(file, { bigint: true }).catch(() => undefined);
  if (!info?.isFile()) return 'missing';
  return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

interface CachedSafety {
  /** Every path whose state the report depends on (read, looked for or included), with its stamp. */
  stamps: Map<string, string>;
  report: SafetyReport;
}

// Parsing the makefiles is the larger part of a probe's fixed cost (tens of ms for generated
// Makefiles); the report is kept per directory and -f and reused while no file it depends on changed.
const SAFETY_CACHE_SIZE = 32;
const safetyCache = new Map<string, CachedSafety>();

async function unchanged(cached: CachedSafety): Promise<boolean> {
  const current = await Promise.all([...cached.stamps.keys()].map(stamp));
  return [...cached.stamps.values()].every((value, index) => value === current[index]);
}

function copyOf(report: SafetyReport): SafetyReport {
  return {
    ...report,
    files: [...report.files],
    makefiles: [...report.makefiles],
    risks: [...report.risks],
    namedPaths: [...report.namedPaths],
  };
}

export async function assessSafety(directory: string, makefile?: string): Promise<SafetyReport> {
  const root = path.resolve(directory);
  const key = `${root}\0${makefile ?? ''}`;
  const cached = safetyCache.get(key);
  if (cached && (await unchanged(cached))) return copyOf(cached.report);
  const stamps = new Map<string, string>();
  // Stamped before reading: a file changed while it is read is read again next time.
  const candidates = makefile !== undefined ? [] : DEFAULT_MAKEFILES.map((name) => path.join(root, name));
  for (const candidate of candidates) stamps.set(candidate, await stamp(candidate));
  const report = await assessSafetyUncached(root, makefile, stamps);
  safetyCache.delete(key);
  safetyCache.set(key, { stamps, report });
  if (safetyCache.size > SAFETY_CACHE_SIZE) safetyCache.delete(safetyCache.keys().next().value as string);
  return copyOf(report);
}

async function assessSafetyUncached(
  directory: string,
  makefile: string | undefined,
  stamps: Map<string, string>,
): Promise<SafetyReport> {
  const first = await findMakefile(directory, makefile);
  if (first === undefined) return { files: [], makefiles: [], risks: [], namedPaths: [] };
  const parsed = new Map<string, ParsedMakefile>();
  const loads: SafetyRisk[] = [];
  const names = new Set<string>([first]);
  let computed = false;
  const named = new Set<string>();
  const queue = [first];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const file = path.resolve(directory, name);
    if (!stamps.has(file)) stamps.set(file, await stamp(file));
    const text = await readMakefileText(file);
    if (text === undefined) continue;
    for (const name of namedPaths(text)) named.add(name);
    loads.push(...loadRisks(text, name));
    const parsedFile = parseMakefile(text);
    parsed.set(name, parsedFile);
    const includes = includesOf(parsedFile);
    if (includes.computed.length > 0) computed = true;
    for (const include of includes.literal) {
      if (names.has(include)) continue;
      names.add(include);
      queue.push(include);
    }
  }
  const risks: SafetyRisk[] = [...loads];
  const shellAssigned = [...parsed.values()].some(assignsShell);
  const plusLed = plusLedVariables(
    [...parsed.values()].flatMap((file) => [...assignmentsOf(file)]),
    process.env,
  );
  for (const [name, file] of parsed)
    risks.push(...risksInFile(file, name, names, computed, shellAssigned, plusLed));
  return { makefile: first, files: [...parsed.keys()], makefiles: [...names], risks, namedPaths: [...named] };
}

/** What a probe does to decide which risks apply to it. */
export interface ProbeRisks {
  /** The probe runs recipes' `+`/`$(MAKE)` lines (any -n/-q/-t run of real goals). */
  runsGoals: boolean;
  /** The probe expands recipes (-n). */
  expandsRecipes: boolean;
  /** The probe builds (only ever isolated, or in a copy). */
  builds: boolean;
}

export function applicableRisks(report: SafetyReport, probe: ProbeRisks): SafetyRisk[] {
  const applies: Record<RiskKind, boolean> = {
    'plus-line': probe.runsGoals,
    'make-line': probe.runsGoals,
    'recipe-shell': probe.expandsRecipes,
    'remade-makefile': true,
    'parse-time-shell': true,
    load: true,
  };
  return report.risks.filter((risk) => applies[risk.kind]);
}

export function describeRisk(risk: SafetyRisk): string {
  return `${risk.file}:${risk.line}: ${risk.why}: ${risk.text}`;
}
