// Puts make's file:line, a message and the edit that fixes it on each audit finding (rules read from the user's project).
import type { PrerequisiteFix } from '../parallel/parallelTypes';
import type { RuleLocator } from '../parallel/ruleLocator';
import type { RawAuditFinding } from './auditFindings';
import type { AuditFinding, AuditFix } from './auditTypes';

/** What a reader's recipe writes besides its target, each with a rule of its own: why the fix names them too. */
function alsoText(finding: RawAuditFinding): string {
  const also = finding.alsoTargets ?? [];
  if (also.length === 0) return '';
  const names = also.map((name) => `'${name}'`).join(', ');
  return `; its recipe also writes ${names}, with a rule of its own: built by that rule in another order, it reads ${finding.file} too`;
}

function describe(finding: RawAuditFinding): string {
  return describeOne(finding) + alsoText(finding);
}

function describeOne(finding: RawAuditFinding): string {
  const { target, file, otherTarget } = finding;
  switch (finding.kind) {
    case 'missing-prerequisite':
      return `'${target}' reads ${file}, which '${otherTarget}' writes, but no declared prerequisite orders them: with -j the read can come first`;
    case 'missing-order-only-prerequisite':
      if (finding.writerMakesNoFile)
        return `'${target}' reads ${file}, which '${otherTarget}' writes, but no declared prerequisite orders them: with -j the read can come first ('${otherTarget}' makes no file of its name, so an order-only prerequisite)`;
      if (finding.existenceOnly)
        return `'${target}' checks that ${file} exists, which '${otherTarget}' writes, but no declared prerequisite orders them: only its existence matters (an order-only prerequisite)`;
      return `'${target}' writes into ${file}/, which '${otherTarget}' creates, but no declared prerequisite orders them: only its existence matters (an order-only prerequisite)`;
    case 'unread-prerequisite':
      return `'${target}' declares ${file} as a prerequisite, but its recipe never reads it: ${target} is rebuilt whenever ${file} changes, for nothing`;
    case 'side-output':
      return finding.dependencyFile
        ? `'${target}' writes ${file}, a dependency file (-MMD) that no rule names: read back by -include, it needs no rule`
        : `'${target}' writes ${file}, which no rule names as a target: make cannot rebuild it, and a reader has nothing to depend on`;
    case 'unwritten-target':
      return `the recipe of '${target}' never writes ${target}, and ${target} is not phony: make runs it on every build`;
    case 'shared-output':
      return finding.ordered
        ? `'${target}' and '${otherTarget}' both write ${file}: the later one overwrites the other's output`
        : `'${target}' and '${otherTarget}' both write ${file}, and no declared prerequisite orders them: with -j they can overwrite each other`;
  }
}

function fromInsertion(fix: PrerequisiteFix): AuditFix {
  const at = { line: fix.line, character: fix.character };
  return {
    file: fix.file,
    start: at,
    end: at,
    newText: fix.text,
    title: fix.title,
    resultingText: fix.resultingLine,
  };
}

async function fixFor(finding: RawAuditFinding, locator: RuleLocator): Promise<AuditFix | undefined> {
  const { target, file, otherTarget } = finding;
  switch (finding.kind) {
    case 'missing-prerequisite':
    case 'missing-order-only-prerequisite': {
      if (finding.alsoTargets && finding.alsoTargets.length > 0 && otherTarget !== undefined)
        return withAlsoTargets(finding, otherTarget, locator);
      const kind =
        finding.kind === 'missing-prerequisite' ? 'missing-prerequisite' : 'missing-order-only-directory';
      const fix = await locator.fixFor({ kind, target, otherTarget: otherTarget ?? '', file });
      return fix && fromInsertion(fix);
    }
    case 'shared-output': {
      if (finding.ordered || otherTarget === undefined) return undefined;
      // At least order the two writers: the second runs after the first.
      const fix = await locator.fixFor({
        kind: 'missing-prerequisite',
        target: otherTarget,
        otherTarget: target,
        file,
      });
      return fix && { ...fromInsertion(fix), title: `order the two writers: ${fix.title}` };
    }
    case 'unread-prerequisite':
      return removePrerequisite(target, file, locator);
    case 'side-output': {
      if (finding.dependencyFile) return undefined;
      const found = await locator.ruleOf(target);
      if (!found?.rule) return undefined;
      const text = `${file}: ${target} ;`;
      const at = { line: found.rule.range.end.line + 1, character: 0 };
      return {
        file: found.location.file,
        start: at,
        end: at,
        newText: `${text}\n`,
        title: `declare ${file} as made by ${target}'s recipe`,
        resultingText: text,
      };
    }
    case 'unwritten-target': {
      const found = await locator.ruleOf(target);
      if (!found?.rule) return undefined;
      const text = `.PHONY: ${target}`;
      const at = { line: found.rule.headerRange.start.line, character: 0 };
      return {
        file: found.location.file,
        start: at,
        end: at,
        newText: `${text}\n`,
        title: `mark ${target} phony`,
        resultingText: text,
      };
    }
  }
}

/**
 * The reader and the targets its recipe writes too wait for the writer: one prerequisite-only rule naming
 * them all, after the reader's rule (make merges it into each target's own rule).
 */
async function withAlsoTargets(
  finding: RawAuditFinding,
  otherTarget: string,
  locator: RuleLocator,
): Promise<AuditFix | undefined> {
  const found = await locator.ruleOf(finding.target);
  if (!found?.rule) return undefined;
  const orderOnly = finding.kind === 'missing-order-only-prerequisite';
  const targets = [finding.target, ...(finding.alsoTargets ?? [])];
  const text = `${targets.join(' ')}: ${orderOnly ? '| ' : ''}${otherTarget}`;
  const at = { line: found.rule.range.end.line + 1, character: 0 };
  const of = `${targets.slice(0, -1).join(', ')} and ${targets[targets.length - 1]}`;
  return {
    file: found.location.file,
    start: at,
    end: at,
    newText: `${text}\n`,
    title: orderOnly
      ? `add ${otherTarget} as an order-only prerequisite of ${of}`
      : `add ${otherTarget} to the prerequisites of ${of}`,
    resultingText: text,
  };
}

/** Removes the prerequisite word (and the blank before it) from the target's own rule line. */
async function removePrerequisite(
  target: string,
  file: string,
  locator: RuleLocator,
): Promise<AuditFix | undefined> {
  const found = await locator.ruleOf(target);
  if (!found?.rule || !found.lines) return undefined;
  const words = found.rule.prerequisites;
  const index = words.findIndex((word) => word.text === file || word.text === `./${file}`);
  if (index < 0) return undefined;
  const word = words[index];
  const previous = words[index - 1] ?? found.rule.targets[found.rule.targets.length - 1];
  const sameLine = previous.range.end.line === word.range.end.line;
  const line = found.lines[word.range.start.line] ?? '';
  let start = word.range.start;
  if (sameLine && index > 0) start = previous.range.end;
  else {
    let character = word.range.start.character;
    while (character > 0 && (line[character - 1] === ' ' || line[character - 1] === '\t')) character--;
    start = { line: word.range.start.line, character };
  }
  const end = word.range.end;
  if (start.line !== end.line) return undefined;
  return {
    file: found.location.file,
    start,
    end,
    newText: '',
    title: `remove ${file} from the prerequisites of ${target}`,
    resultingText: line.slice(0, start.character) + line.slice(end.character),
  };
}

export async function locateAuditFindings(
  findings: RawAuditFinding[],
  locator: RuleLocator,
): Promise<AuditFinding[]> {
  const located: AuditFinding[] = [];
  for (const finding of findings) {
    const [rule, otherRule, fix] = await Promise.all([
      locator.ruleOf(finding.target),
      finding.otherTarget !== undefined ? locator.ruleOf(finding.otherTarget) : undefined,
      fixFor(finding, locator),
    ]);
    located.push({
      kind: finding.kind,
      severity: finding.kind === 'side-output' && finding.dependencyFile ? 'info' : 'warning',
      target: finding.target,
      file: finding.file,
      ...(finding.otherTarget !== undefined ? { otherTarget: finding.otherTarget } : {}),
      ...(finding.alsoTargets !== undefined ? { alsoTargets: finding.alsoTargets } : {}),
      message: describe(finding),
      rule: rule?.location,
      otherRule: otherRule?.location,
      fix,
    });
  }
  return located;
}
