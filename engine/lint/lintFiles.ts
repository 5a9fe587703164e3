// Lints makefiles named by path (the CLI's and the bench's entry): one workspace model, every file with its project.
import * as path from 'node:path';
import { pathToUri } from '../analysis/uris';
import { WorkspaceModel } from '../analysis/workspaceModel';
import { lintFile, type LintOptions } from './lint';
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

export function lintFiles(files: readonly string[], options: LintFilesOptions): FileFindings[] {
  const model = new WorkspaceModel({
    maxFileBytes: options.maxFileBytes ?? 10 * 1048576,
    includeDirs: options.includeDirs ?? [],
  });
  const absolute = files.map((file) => path.resolve(file));
  for (const file of absolute) model.addKnownFile(file);
  return absolute.map((file) => {
    const uri = pathToUri(file);
    const findings = lintFile(model, uri, options);
    const declined = model.index(uri)
      ? undefined
      : (model.declinedReason(uri) ?? 'no such file, or not readable');
    return { file, findings, ...(declined ? { declined } : {}) };
  });
}
