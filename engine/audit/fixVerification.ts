// Verifies an audit fix: find a parallel build that fails without it (shuffle seeds or repeated -jN), then the same with it.
import { randomInt } from 'node:crypto';
import { buildOnce, type BuildSettings, type FinishedBuild, type RunPlan } from '../parallel/buildRun';
import { withPreparedBuilds } from '../parallel/buildSettings';
import { ProbeError, type ProbeOptions } from '../probes/probeOptions';
import type { AuditFinding, FixVerification } from './auditTypes';
import { spokenLines } from '../probes/parsers/spokenLines';

export interface VerifySettings {
  finding: AuditFinding;
  /**
   * Findings whose edits are applied with `finding`'s: the other readers of the same file from the same
   * writer. One reader's edit alone cannot fix a build in which twenty read it undeclared.
   */
  together?: AuditFinding[];
  /** Jobs of the parallel builds (at least 2; default 2). */
  jobs?: number;
  /** Builds without the fix to look for the failure (default 10). */
  attempts?: number;
  /** Builds with the fix that must all pass (default 5, the reproducing seed first). */
  confirmations?: number;
  onProgress?: (message: string) => void;
}

export type VerifyOptions = ProbeOptions & VerifySettings;

/**
 * The edit as make sees it, without touching the makefile: a prerequisite-only rule given with
 * --eval (make merges it into the target's rule, exactly what the inserted word does). --eval is
 * read before the makefiles, so the default goal is cleared again for the makefile's first target.
 */
export function fixAsEval(finding: AuditFinding): string[] | undefined {
  if (!finding.fix || finding.otherTarget === undefined) return undefined;
  // The reader and the targets its recipe writes too (each built by its own rule in another order).
  const readers = [finding.target, ...(finding.alsoTargets ?? [])].join(' ');
  switch (finding.kind) {
    case 'missing-prerequisite':
      return [`--eval=${readers}: ${finding.otherTarget}`, '--eval=.DEFAULT_GOAL :='];
    case 'missing-order-only-prerequisite':
      return [`--eval=${readers}: | ${finding.otherTarget}`, '--eval=.DEFAULT_GOAL :='];
    case 'shared-output':
      return [`--eval=${finding.otherTarget}: ${finding.target}`, '--eval=.DEFAULT_GOAL :='];
    default:
      return undefined;
  }
}

function plan(jobs: number, canShuffle: boolean, attempt: number, seed?: string): RunPlan {
  const shuffle = !canShuffle ? undefined : (seed ?? (attempt === 1 ? 'reverse' : String(randomInt(1, 2e9))));
  return {
    label: shuffle ? `-j${jobs} --shuffle=${shuffle}` : `-j${jobs} #${attempt}`,
    kind: shuffle ? 'shuffle-seed' : 'parallel',
    jobs,
    shuffle,
  };
}

/** make's `***` line naming the target whose recipe failed: `make: *** [Makefile:12: app.txt] Error 1`. */
const FAILED_TARGET = /\*\*\* \[[^\]]*?: ([^\]]+)\] Error/;

/**
 * Why a build failed, as make and the recipe said it: make's first error line and the last line the failing
 * target's recipe printed (`cat: gen2.h: No such file or directory`), when it printed one.
 */
export function failureOf({ record, logs }: Pick<FinishedBuild, 'record' | 'logs'>): string | undefined {
  const error = record.firstError;
  if (error === undefined) return undefined;
  const target = FAILED_TARGET.exec(error)?.[1];
  const log = target === undefined ? undefined : logs.logs.get(target);
  const said = log === undefined ? undefined : spokenLines(log).at(-1);
  return said === undefined ? error : `${error}, after "${said}"`;
}

async function exitOf(
  settings: BuildSettings,
  runPlan: RunPlan,
): Promise<{ code: number; command: string[]; failure?: string }> {
  return buildOnce(settings, runPlan, async (build) => ({
    code: build.record.exitCode,
    command: build.record.command,
    failure: failureOf(build),
  }));
}

export async function verifyFix(options: VerifyOptions): Promise<FixVerification> {
  if (!fixAsEval(options.finding))
    throw new ProbeError(`no edit to verify for a ${options.finding.kind} finding`, 'usage');
  return withPreparedBuilds(options, 'audit-verify', ({ settings, make }) =>
    verifyWithBuilds(settings, make.canShuffle, options),
  );
}

/** Verifies with builds already prepared (the audit's own, when it verifies its findings). */
export async function verifyWithBuilds(
  settings: BuildSettings,
  canShuffle: boolean,
  options: VerifySettings,
): Promise<FixVerification> {
  const together = (options.together ?? []).filter((other) => other !== options.finding && fixAsEval(other));
  const evals = [options.finding, ...together].flatMap((finding) => fixAsEval(finding) ?? []);
  const edits =
    together.length > 0
      ? `the ${together.length + 1} edits for ${options.finding.file} do`
      : 'the edit alone does';
  const jobs = Math.max(2, options.jobs ?? 2);
  const attempts = options.attempts ?? 10;
  const confirmations = Math.max(1, options.confirmations ?? 5);
  let failing: { plan: RunPlan; command: string[]; attempt: number } | undefined;
  for (let attempt = 1; attempt <= attempts && !failing; attempt++) {
    const runPlan = plan(jobs, canShuffle, attempt);
    options.onProgress?.(`without the fix: ${runPlan.label} (${attempt}/${attempts})`);
    const run = await exitOf(settings, runPlan);
    if (run.code !== 0) failing = { plan: runPlan, command: run.command, attempt };
  }
  if (!failing)
    return {
      status: 'not-enough',
      reason: `the parallel build did not fail without the fix in ${attempts} runs: nothing to verify against`,
      runs: attempts,
      jobs,
    };
  const fixed: BuildSettings = { ...settings, baseArgs: [...settings.baseArgs, ...evals] };
  for (let run = 1; run <= confirmations; run++) {
    const runPlan = run === 1 ? failing.plan : plan(jobs, canShuffle, run + 1);
    options.onProgress?.(`with the fix: ${runPlan.label} (${run}/${confirmations})`);
    const result = await exitOf(fixed, runPlan);
    if (result.code !== 0)
      return {
        status: 'not-enough',
        reason: `with the fix, ${runPlan.label} still fails (exit ${result.code}${result.failure ? `: ${result.failure}` : ''}): ${edits} not fix the parallel build`,
        runs: run,
        seed: failing.plan.shuffle,
        jobs,
      };
  }
  return {
    status: 'verified',
    runs: confirmations,
    reproducedIn: failing.attempt,
    ...(failing.plan.shuffle !== undefined ? { seed: failing.plan.shuffle } : {}),
    jobs,
    reproduce: failing.command,
    ...(together.length > 0 ? { together: together.length } : {}),
  };
}
