// Collects evidence into a folder (outside the project) and writes report.md, report.json and report.sarif there.
import { mkdtemp, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectEvidence, type EvidenceOptions } from './evidenceLadder';
import type { EvidenceReport } from './evidenceTypes';
import { LOCATIONS_FILE, locationsMarkdown, markdownReport } from './markdownReport';
import { sarifReport } from './sarifReport';

export interface EvidenceFolder {
  report: EvidenceReport;
  markdown: string;
  json: string;
  sarif: string;
  outputDirectory: string;
  markdownPath: string;
}

/** `outputDirectory` undefined: a new folder under the system's temporary folder, never in the project. */
export async function collectEvidenceToFolder(options: EvidenceOptions): Promise<EvidenceFolder> {
  const outputDirectory = path.resolve(
    options.outputDirectory ?? (await mkdtemp(path.join(os.tmpdir(), 'makescope-evidence-'))),
  );
  const report = await collectEvidence({ ...options, outputDirectory });
  const markdown = markdownReport(report);
  const json = JSON.stringify(report, null, 2);
  const sarif = JSON.stringify(sarifReport(report), null, 2);
  const markdownPath = path.join(outputDirectory, 'report.md');
  await writeFile(markdownPath, markdown);
  await writeFile(path.join(outputDirectory, 'report.json'), json);
  await writeFile(path.join(outputDirectory, 'report.sarif'), sarif);
  await writeFile(path.join(outputDirectory, LOCATIONS_FILE), locationsMarkdown(report));
  return { report, markdown, json, sarif, outputDirectory, markdownPath };
}
