// Lints makefiles named by path (the CLI's and the bench's entry): one workspace model, every file with its project.
import * as path from 'node:path';
import { pathToUri } from '../analysis/uris';
import { WorkspaceModel } from '../analysis/workspaceModel';
import { lintFile, lintRecipeShells, type LintOptions } from './lint';
import type { LintFinding } from './lintTypes';

export interface FileFindings {
  /** Absolute path of the makefile. */
  file: string;
  findings: LintFinding[];
  /** Why the file was not linted (unreadable, too large), when it was not. */
  declined?: string;
}

export interface LintFilesOptions extends LintOptions {
  maxFileBytes?: number;
  includeDirs?: string[];
}

function modelOf(
  files: readonly string[],
  options: LintFilesOptions,
): { model: WorkspaceModel; absolute: string[] } {
  const model = new WorkspaceModel({
    maxFileBytes: options.maxFileBytes ?? 10 * 1048576,
    includeDirs: options.includeDirs ?? [],
  });
  const absolute = files.map((file) => path.resolve(file));
  for (const file of absolute) model.addKnownFile(file);
  return { model, absolute };
}

function staticFindings(model: WorkspaceModel, file: string, options: LintOptions): FileFindings {
  const uri = pathToUri(file);
  const findings = lintFile(model, uri, options);
  const declined = model.index(uri)
    ? undefined
    : (model.declinedReason(uri) ?? 'no such file, or not readable');
  return { file, findings, ...(declined ? { declined } : {}) };
}

/** The rules that read the files only (MS1xx). */
export function lintFiles(files: readonly string[], options: LintFilesOptions): FileFindings[] {
  const { model, absolute } = modelOf(files, options);
  return absolute.map((file) => staticFindings(model, file, options));
}

/** Every rule, MS201/MS202 included: runs the shell (`-n`) and shellcheck, so callers check trust first. */
export async function lintFilesWithRecipeShells(
  files: readonly string[],
  options: LintFilesOptions & { signal?: AbortSignal },
): Promise<FileFindings[]> {
  const { model, absolute } = modelOf(files, options);
  const results: FileFindings[] = [];
  for (const file of absolute) {
    const result = staticFindings(model, file, options);
    if (!result.declined) {
      const shells = await lintRecipeShells(model, pathToUri(file), {
        ...options,
        cwd: path.dirname(file),
      });
      result.findings = inReadingOrder([...result.findings, ...shells]);
    }
    results.push(result);
  }
  return results;
}

/** Findings by line, then column, as a reader goes down the file. */
export function inReadingOrder(findings: LintFinding[]): LintFinding[] {
  return findings.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
