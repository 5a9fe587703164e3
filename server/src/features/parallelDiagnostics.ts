// Pure: race findings -> diagnostics on the rule lines, and the quick fix that adds the prerequisite.
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type DiagnosticRelatedInformation,
} from 'vscode-languageserver';
import { normalizeUri, pathToUri } from '../../../engine/analysis/uris';
import type { ParallelFinding } from '../../../engine/parallel/parallelTypes';

export const PARALLEL_DIAGNOSTIC_SOURCE = 'makescope parallel diff';

/** What a parallel diagnostic carries in `data`, so a code action request can rebuild its fix. */
export interface ParallelDiagnosticData {
  makescopeParallel: true;
  finding: ParallelFinding;
}

function lineRange(line: number, length: number | undefined): Diagnostic['range'] {
  return { start: { line, character: 0 }, end: { line, character: length ?? 0 } };
}

/**
 * Diagnostics per makefile URI. `lineText` (optional) gives a line's text so the range covers it;
 * without it the range is the start of the rule line.
 */
export function parallelFindingsToDiagnostics(
  findings: readonly ParallelFinding[],
  lineText?: (file: string, line: number) => string | undefined,
): Map<string, Diagnostic[]> {
  const byUri = new Map<string, Diagnostic[]>();
  for (const finding of findings) {
    if (!finding.rule) continue;
    const line = finding.rule.line - 1;
    const related: DiagnosticRelatedInformation[] = [];
    if (finding.otherRule) {
      related.push({
        location: {
          uri: pathToUri(finding.otherRule.file),
          range: lineRange(
            finding.otherRule.line - 1,
            lineText?.(finding.otherRule.file, finding.otherRule.line - 1)?.length,
          ),
        },
        message: `'${finding.otherTarget}' ${finding.kind === 'missing-order-only-directory' ? 'creates' : 'writes'} ${finding.file} here`,
      });
    }
    const data: ParallelDiagnosticData = { makescopeParallel: true, finding };
    const diagnostic: Diagnostic = {
      range: lineRange(line, lineText?.(finding.rule.file, line)?.length),
      severity: DiagnosticSeverity.Warning,
      source: PARALLEL_DIAGNOSTIC_SOURCE,
      code: finding.kind,
      message: finding.fix ? `${finding.message}. Fix: ${finding.fix.title}.` : finding.message,
      relatedInformation: related,
      data,
    };
    const uri = pathToUri(finding.rule.file);
    byUri.set(uri, [...(byUri.get(uri) ?? []), diagnostic]);
  }
  return byUri;
}

/** The targets and prerequisites of a rule line (`a.o : a.c`, `a.o: a.c | dir`, `%.o: %.c`), or undefined. */
function ruleWords(line: string): { targets: string[]; prerequisites: string[] } | undefined {
  const colon = line.indexOf(':');
  // `NAME := value` and `NAME ::= value` are assignments, not rules.
  if (colon <= 0 || /^:*=/.test(line.slice(colon + 1))) return undefined;
  const rest = line.slice(colon + 1).replace(/^:/, '');
  return {
    targets: line.slice(0, colon).trim().split(/\s+/),
    prerequisites: rest.split(/[\s|;]+/).filter(Boolean),
  };
}

/** `target` is one of the rule's targets, or matches one of its patterns. */
function namesTarget(targets: readonly string[], target: string): boolean {
  return targets.some((word) => {
    const percent = word.indexOf('%');
    if (percent < 0) return word === target;
    const [prefix, suffix] = [word.slice(0, percent), word.slice(percent + 1)];
    return target.length > word.length - 1 && target.startsWith(prefix) && target.endsWith(suffix);
  });
}

function stillApplies(finding: ParallelFinding, lines: readonly string[]): boolean {
  const rule = finding.rule;
  if (!rule) return false;
  const header = ruleWords(lines[rule.line - 1] ?? '');
  // The file moved on since the comparison: the line no longer holds this target's rule.
  if (!header || !namesTarget(header.targets, finding.target)) return false;
  if (!finding.fix) return true;
  const fixLine = ruleWords(lines[finding.fix.line] ?? '');
  // Already fixed (by the quick fix or by hand): the prerequisite is on the line now.
  return !(
    fixLine &&
    fixLine.targets.includes(finding.target) &&
    fixLine.prerequisites.includes(finding.otherTarget)
  );
}

/**
 * The diagnostics of the last comparison for one open document, checked against its current
 * text: a finding whose rule line moved or whose fix is already in place is left out.
 */
export function parallelDiagnosticsFor(
  findings: readonly ParallelFinding[],
  uri: string,
  text: string,
): Diagnostic[] {
  // Before the document is split into lines: most edits come with no finding at all (no probe has run).
  if (findings.length === 0) return [];
  const wanted = normalizeUri(uri);
  const lines = text.split(/\r?\n/);
  const current = findings.filter(
    (finding) =>
      finding.rule && normalizeUri(pathToUri(finding.rule.file)) === wanted && stillApplies(finding, lines),
  );
  const byUri = parallelFindingsToDiagnostics(current, (file, line) =>
    normalizeUri(pathToUri(file)) === wanted ? lines[line] : undefined,
  );
  return [...byUri.values()].flat();
}

/** The code action that applies a finding's fix (undefined when it has none, e.g. two writers of one file). */
export function quickFixForFinding(
  finding: ParallelFinding,
  diagnostic?: Diagnostic,
): CodeAction | undefined {
  const fix = finding.fix;
  if (!fix) return undefined;
  const at = { line: fix.line, character: fix.character };
  return {
    title: fix.title.charAt(0).toUpperCase() + fix.title.slice(1),
    kind: CodeActionKind.QuickFix,
    isPreferred: true,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    edit: { changes: { [pathToUri(fix.file)]: [{ range: { start: at, end: at }, newText: fix.text }] } },
  };
}

function isParallelData(data: unknown): data is ParallelDiagnosticData {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { makescopeParallel?: unknown }).makescopeParallel === true
  );
}

/** For textDocument/codeAction: the quick fixes of the parallel diagnostics in the request's context. */
export function parallelQuickFixes(diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== PARALLEL_DIAGNOSTIC_SOURCE || !isParallelData(diagnostic.data)) continue;
    const action = quickFixForFinding(diagnostic.data.finding, diagnostic);
    if (action) actions.push(action);
  }
  return actions;
}
