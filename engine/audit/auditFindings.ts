// Pure: the declared graph (make's database) against one traced build's reads and writes -> audit findings by class.
import type { DbFile } from '../probes/parsers/databaseModel';
import { declaredGraph, findRaces, Ordering } from '../parallel/missingPrerequisites';
import type { TargetAccess } from '../parallel/straceAccessParser';
import type { AuditFindingKind } from './auditTypes';
import { sortFindings } from '../parallel/findingOrder';

export interface RawAuditFinding {
  kind: AuditFindingKind;
  target: string;
  file: string;
  otherTarget?: string;
  /** For side outputs: a compiler's dependency file (`-MMD`), read back by `-include`. */
  dependencyFile?: boolean;
  /** For a missing order-only prerequisite: the recipe only checked that the file exists (stat, access). */
  existenceOnly?: boolean;
  /** For a missing order-only prerequisite: the file read is made by a target that makes no file of its name. */
  writerMakesNoFile?: boolean;
  /** For shared outputs: whether a declared path orders the two writers. */
  ordered?: boolean;
  /**
   * For a read of a file another target writes: other targets the reader's recipe writes too, each with a
   * rule of its own in make's database (libtool's compile of `a.lo` also writes `a.o`). In another run
   * order make builds them by their own rule, which reads the file as well, so they need the same edit.
   */
  alsoTargets?: string[];
}

export interface AuditInput {
  access: Map<string, TargetAccess>;
  files: readonly DbFile[];
  /** The makefiles make read (MAKEFILE_LIST), relative to the project like the accesses. */
  makefiles: readonly string[];
}

function normalize(name: string): string {
  let result = name;
  while (result.startsWith('./')) result = result.slice(2);
  return result;
}

const STAMP = /(^|[./_-])stamps?($|[./_-])/i;
const DEPENDENCY_FILE = /\.d$/;

/** The files of the database by name (the entries make merged, first one kept). */
function byName(files: readonly DbFile[]): Map<string, DbFile> {
  const map = new Map<string, DbFile>();
  for (const file of files) if (!map.has(normalize(file.name))) map.set(normalize(file.name), file);
  return map;
}

/**
 * A prerequisite that is there to trigger a rebuild, not to be read: the makefile itself, a phony
 * or FORCE-like target (no recipe, no prerequisites, no file), a stamp, a directory.
 */
function isTrigger(
  name: string,
  entry: DbFile | undefined,
  makefiles: Set<string>,
  directories: Set<string>,
): boolean {
  if (makefiles.has(name) || STAMP.test(name) || directories.has(name)) return true;
  if (!entry) return false;
  if (entry.phony) return true;
  return entry.recipe === undefined && entry.prerequisites.length === 0 && entry.state === 'missing';
}

function directoriesOf(accesses: TargetAccess[]): Set<string> {
  const directories = new Set<string>();
  for (const access of accesses) {
    for (const set of [access.createdDirectories, access.ensuredDirectories, access.neededDirectories])
      for (const directory of set) directories.add(directory);
  }
  return directories;
}

export function auditFindings(input: AuditInput): RawAuditFinding[] {
  const graph = declaredGraph(input.files);
  const ordering = new Ordering(graph);
  const entries = byName(input.files);
  const makefiles = new Set(input.makefiles.map(normalize));
  const accesses = [...input.access.values()].sort((a, b) => a.target.localeCompare(b.target));
  const directories = directoriesOf(accesses);
  const findings: RawAuditFinding[] = [];

  // A writer that makes no file of its own name (phony, or like ldns's setup-builddir) is always out of
  // date: as a normal prerequisite it would rebuild the reader every time, so the reader waits for it
  // order-only.
  const makesNoFile = (writer: string): boolean => {
    const entry = entries.get(normalize(writer));
    const access = input.access.get(writer);
    if (entry?.phony) return true;
    return (
      access !== undefined && !access.writes.has(normalize(writer)) && !directories.has(normalize(writer))
    );
  };
  // The other targets a reader's recipe writes that make could build by their own rule instead (their
  // own recipe never ran in the traced build, so their read was never seen), not already after the writer.
  const sideTargets = (reader: string, writer: string): string[] => {
    const access = input.access.get(reader);
    if (!access) return [];
    const own = normalize(reader);
    return [...access.writes]
      .map(normalize)
      .filter((file) => {
        if (file === own || file === normalize(writer) || access.deletes.has(file)) return false;
        if (input.access.has(file) || input.access.has(`./${file}`)) return false; // its own recipe ran: seen
        const entry = entries.get(file);
        return entry !== undefined && entry.isTarget && !entry.phony && !ordering.ordered(file, writer);
      })
      .sort();
  };
  for (const race of findRaces(input.access, graph)) {
    if (race.kind === 'missing-prerequisite') {
      const alsoTargets = sideTargets(race.target, race.otherTarget);
      findings.push({
        kind: makesNoFile(race.otherTarget) ? 'missing-order-only-prerequisite' : 'missing-prerequisite',
        target: race.target,
        file: race.file,
        otherTarget: race.otherTarget,
        ...(makesNoFile(race.otherTarget) ? { writerMakesNoFile: true } : {}),
        ...(alsoTargets.length > 0 ? { alsoTargets } : {}),
      });
    } else if (race.kind === 'missing-order-only-directory')
      findings.push({
        kind: 'missing-order-only-prerequisite',
        target: race.target,
        file: race.file,
        otherTarget: race.otherTarget,
      });
  }

  const writers = new Map<string, string[]>();
  for (const access of accesses)
    for (const file of access.writes) writers.set(file, [...(writers.get(file) ?? []), access.target]);

  // A file only checked for existence (stat, access) is not a read: its writer need not run first for
  // its contents, only for its being there (an order-only prerequisite).
  for (const access of accesses)
    for (const file of access.probes) {
      if (access.reads.has(file) || access.writes.has(file)) continue;
      for (const writer of writers.get(file) ?? [])
        if (writer !== access.target && !ordering.ordered(access.target, writer))
          findings.push({
            kind: 'missing-order-only-prerequisite',
            target: access.target,
            file,
            otherTarget: writer,
            existenceOnly: true,
          });
    }

  for (const access of accesses) {
    const target = normalize(access.target);
    const entry = entries.get(target);
    if (target.startsWith('.')) continue;
    // Declared prerequisites never read (a rebuild trigger is deliberate).
    const declared = new Set((graph.get(access.target)?.prerequisites ?? []).map(normalize));
    for (const prerequisite of declared) {
      if (prerequisite === '.WAIT' || access.reads.has(prerequisite) || access.writes.has(prerequisite))
        continue;
      const prerequisiteEntry = entries.get(prerequisite);
      if (isTrigger(prerequisite, prerequisiteEntry, makefiles, directories)) continue;
      findings.push({
        kind: 'unread-prerequisite',
        target,
        file: prerequisite,
      });
    }
    // Files written that no rule names as a target (a sub-make's outputs are its own makefile's targets).
    for (const file of access.writes) {
      if (file === target || access.deletes.has(file) || access.subMakeWrites.has(file)) continue;
      if (entries.get(file)?.isTarget) continue;
      findings.push({
        kind: 'side-output',
        target,
        file,
        ...(DEPENDENCY_FILE.test(file) ? { dependencyFile: true } : {}),
      });
    }
    // A target that is a file, whose recipe never writes it.
    if (
      entry &&
      !entry.phony &&
      !access.writes.has(target) &&
      !access.createdDirectories.has(target) &&
      !access.ensuredDirectories.has(target)
    )
      findings.push({ kind: 'unwritten-target', target, file: target });
  }

  // A recipe that touched no file of the project is not in the trace: make's database says it ran
  // (successfully updated) and that the file is still missing after it.
  for (const [name, entry] of entries) {
    if (name.startsWith('.') || entry.phony || entry.recipe === undefined || input.access.has(entry.name))
      continue;
    if (
      entry.state === 'missing' &&
      /Successfully updated/.test(entry.updateStatus ?? '') &&
      !directories.has(name)
    )
      findings.push({ kind: 'unwritten-target', target: name, file: name });
  }

  for (const [file, list] of writers) {
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++)
        findings.push({
          kind: 'shared-output',
          target: list[i],
          otherTarget: list[j],
          file,
          ordered: ordering.ordered(list[i], list[j]),
        });
  }
  const rank: Record<AuditFindingKind, number> = {
    'missing-prerequisite': 0,
    'missing-order-only-prerequisite': 1,
    'shared-output': 2,
    'unwritten-target': 3,
    'unread-prerequisite': 4,
    'side-output': 5,
  };
  return sortFindings(findings, rank);
}
