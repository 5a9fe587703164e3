// The escalation criteria applied to the gathered facts, and the verdict that follows. Pure.
import { relativeTo } from '../probes/traceModel';
import type { EscalationCriterion, EvidenceLocation, Verdict } from './evidenceTypes';

export interface InfluentialVariable {
  name: string;
  origin: string;
  value: string;
}

export interface EscalationFacts {
  symptom?: string;
  /** Whether any rung saw the problem (a failure, a stale target, a parallel difference or finding). */
  reproduced: boolean;
  /** File targets make -n would rebuild (rungs 2–3), as `name because reason (file:line)`. */
  plannedRebuilds: string[];
  /** Rungs that could not gather their evidence (refused, timed out, make missing). */
  ungathered: string[];
  /** Runs with identical settings that disagreed (exit code or artifacts). */
  unstableRuns: string[];
  /** Makefiles outside the project that define the failing or stale rules or variables. */
  outsideMakefiles: string[];
  /** Failures of tools run by recipes (the compiler, a generator), as opposed to make's own errors. */
  toolFailures: string[];
  /** make's own errors (no rule, missing separator, ...). */
  makeErrors: string[];
  /** Environment and command-line variables that the targets' recipes and prerequisites use. */
  influentialVariables: InfluentialVariable[];
  makeVersion: string;
  /** A make version the project says it needs, when it says one. */
  declaredMakeVersion?: { version: string; where: string };
  /** Parallel differences that no missing prerequisite explains. */
  unexplainedParallelDifferences: number;
  parallelFindings: number;
  /** Places where the makefiles already disable parallelism. */
  parallelismDisabledAt: string[];
  /** Where a local fix would go (stale targets, missing prerequisites, make errors). */
  pointers: EvidenceLocation[];
}

export function evaluateCriteria(facts: EscalationFacts): EscalationCriterion[] {
  return [
    cannotReproduce(facts),
    crossesOwnership(facts),
    environmentDrift(facts),
    weakensCorrectness(facts),
  ];
}

/** A criterion is triggered by any evidence; without any, `whenClear` says what was checked. */
function criterion(
  id: EscalationCriterion['id'],
  title: string,
  evidence: string[],
  whenClear: string,
): EscalationCriterion {
  const triggered = evidence.length > 0;
  return { id, title, triggered, evidence: triggered ? evidence : [whenClear] };
}

function cannotReproduce(facts: EscalationFacts): EscalationCriterion {
  const evidence: string[] = [];
  for (const run of facts.unstableRuns) evidence.push(`identical runs disagree: ${run}`);
  for (const missing of facts.ungathered) evidence.push(`the evidence is incomplete: ${missing}`);
  if (facts.symptom && !facts.reproduced && facts.plannedRebuilds.length === 0) {
    evidence.push(
      `the reported symptom ("${facts.symptom}") did not show in any rung: no failure, stale target or parallel difference`,
    );
  }
  return criterion(
    'cannot-reproduce',
    'The incident cannot be reproduced with a stable route',
    evidence,
    'every repeated run gave the same result',
  );
}

function crossesOwnership(facts: EscalationFacts): EscalationCriterion {
  const evidence = [
    ...facts.outsideMakefiles.map(
      (file) => `the failing rule or variable comes from ${file}, outside the repository`,
    ),
    ...facts.toolFailures.map((failure) => `a tool failed, not make: ${failure}`),
  ];
  return criterion(
    'crosses-ownership',
    'The failing boundary crosses tool ownership',
    evidence,
    'the failing rules and variables are defined in this repository and make itself reported the problem',
  );
}

function environmentDrift(facts: EscalationFacts): EscalationCriterion {
  const evidence = facts.influentialVariables.map(
    (variable) =>
      `${variable.name} comes from the ${variable.origin} (= ${JSON.stringify(shorten(variable.value))}) and is used by the target`,
  );
  const declared = facts.declaredMakeVersion;
  if (declared && !sameMinor(declared.version, facts.makeVersion)) {
    evidence.push(
      `the project declares GNU make ${declared.version} (${declared.where}) but make ${facts.makeVersion} ran`,
    );
  }
  return criterion(
    'environment-drift',
    'Environment or tool drift',
    evidence,
    'no environment or command-line variable reaches the target, and no make version is declared that differs',
  );
}

function weakensCorrectness(facts: EscalationFacts): EscalationCriterion {
  const evidence: string[] = [];
  if (facts.unexplainedParallelDifferences > 0 && facts.parallelFindings === 0) {
    evidence.push(
      `${facts.unexplainedParallelDifferences} serial/parallel difference(s) with no missing prerequisite to add: the only visible fix is disabling parallelism`,
    );
  }
  for (const place of facts.parallelismDisabledAt)
    evidence.push(`parallelism is already disabled at ${place}`);
  return criterion(
    'weakens-correctness',
    'The only visible fix weakens correctness',
    evidence,
    'every difference found has a targeted fix (a prerequisite to declare)',
  );
}

/** `root`: the project's folder; the verdict names a file in it relative to it, as the steps do. */
export function decideVerdict(
  criteria: EscalationCriterion[],
  facts: EscalationFacts,
  root: string,
): Verdict {
  const triggered = criteria.filter((criterion) => criterion.triggered);
  if (triggered.length > 0) {
    return {
      kind: 'escalate',
      summary: `Escalate: ${triggered.map((criterion) => criterion.title.toLowerCase()).join('; ')}.`,
      pointers: facts.pointers,
      handover: [
        'this report (Markdown and JSON) and the evidence folder with every command\u2019s full output',
        'the resolved make database (database.txt) and the make version',
        ...triggered.flatMap((criterion) => criterion.evidence.slice(0, 3)),
      ],
    };
  }
  const plannedOnly = !!facts.symptom && !facts.reproduced && facts.plannedRebuilds.length > 0;
  if (facts.pointers.length > 0 || facts.reproduced || plannedOnly) {
    const first = facts.pointers[0];
    return {
      kind: 'local-fix',
      summary: first
        ? `A local fix: start ${startingPlace(first, root)} \u2014 ${first.message}`
        : plannedOnly
          ? `A local fix: the symptom shows as rebuilds make plans (rungs 2\u20133), the first ${facts.plannedRebuilds[0]}; nothing is out of date (rung 5), so look at why that target is always remade`
          : 'A local fix: the evidence points inside this repository\u2019s makefiles.',
      pointers: facts.pointers,
      handover: [],
    };
  }
  return {
    kind: 'healthy',
    summary: 'Healthy: the build converges, serial and parallel agree, and nothing needs fixing.',
    pointers: [],
    handover: [],
  };
}

/** `at Makefile:12` for a project file, `at /usr/share/mk/rules.mk:3` outside it, `in this folder` without a file. */
function startingPlace(pointer: EvidenceLocation, root: string): string {
  const file = relativeTo(root, pointer.file);
  if (file === '.') return 'in this folder';
  return `at ${file}${pointer.line ? `:${pointer.line}` : ''}`;
}

function sameMinor(declared: string, actual: string): boolean {
  const [a1, a2] = declared.split('.');
  const [b1, b2] = actual.split('.');
  return a1 === b1 && (a2 === undefined || a2 === b2);
}

function shorten(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
