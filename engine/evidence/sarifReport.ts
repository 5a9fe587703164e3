// The evidence report as SARIF 2.1.0, so CI systems show the findings on Makefile lines (physicalLocation shared with the audit).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Location, Log, Result } from 'sarif';
import type { EvidenceLocation, EvidenceReport } from './evidenceTypes';
import { sarifLog } from './sarifLog';

const RULES: Record<string, string> = {
  'convergence/stale-target': 'A target is still out of date after a successful build.',
  'parallel/missing-prerequisite':
    'A recipe reads a file that another target writes, with no declared prerequisite.',
  'parallel/missing-order-only-directory':
    'A recipe writes into a directory that another target creates, with no order-only prerequisite.',
  'parallel/conflicting-writes': 'Two targets write the same file.',
  'build/recipe-failed': 'A recipe command failed.',
  'build/make-error': 'make itself reported an error.',
  'escalation/criterion': 'An escalation criterion is met.',
};

export function sarifReport(report: EvidenceReport): Log {
  const locations = report.rungs.flatMap((rung) => rung.locations);
  const unique = new Map<string, EvidenceLocation>();
  for (const location of locations)
    unique.set(`${location.ruleId}|${location.file}|${location.line}|${location.message}`, location);
  const results: Result[] = [...unique.values()].map((location) => ({
    ruleId: location.ruleId,
    level: location.level,
    message: { text: location.message },
    locations: [physicalLocation(report.directory, location.file, location.line)],
  }));
  for (const criterion of report.criteria.filter((c) => c.triggered)) {
    results.push({
      ruleId: 'escalation/criterion',
      level: 'warning',
      message: { text: `${criterion.title}: ${criterion.evidence.join('; ')}` },
      locations: [physicalLocation(report.directory, report.directory, undefined)],
    });
  }
  const usedRules = [...new Set(results.map((result) => result.ruleId ?? ''))];
  return sarifLog({
    directory: report.directory,
    tool: report.tool,
    rules: usedRules.map((id) => ({ id, shortDescription: { text: RULES[id] ?? id } })),
    invocations: [{ executionSuccessful: true, endTimeUtc: report.createdAt }],
    results,
    properties: { verdict: report.verdict.kind, summary: report.verdict.summary },
  });
}

export function physicalLocation(directory: string, file: string, line: number | undefined): Location {
  const relative = path.relative(directory, file);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  const artifactLocation: ArtifactLocation = inside
    ? { uri: relative.split(path.sep).join('/'), uriBaseId: 'PROJECTROOT' }
    : {
        uri: relative === '' ? '.' : pathToFileURL(file).toString(),
        ...(relative === '' ? { uriBaseId: 'PROJECTROOT' } : {}),
      };
  return { physicalLocation: { artifactLocation, ...(line ? { region: { startLine: line } } : {}) } };
}
