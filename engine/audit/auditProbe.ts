// The dependency audit: one traced, isolated build compared with make's database; findings by class with file:line and fix.
import { ProbeError, type ProbeOptions } from '../probes/probeOptions';
import { withPreparedBuilds } from '../parallel/buildSettings';
import { chooseAccessRecorder, type RecorderChoice } from '../parallel/accessRecorder';
import { recorderName } from '../parallel/fileAccessTracer';
import { declaredGraph } from '../parallel/missingPrerequisites';
import { RuleLocator } from '../parallel/ruleLocator';
import { tracedDatabaseBuild, tracingStatus } from '../parallel/tracedDatabaseBuild';
import type { MakefileLocation } from '../parallel/parallelTypes';
import { auditFindings } from './auditFindings';
import { auditGraph } from './auditGraph';
import { locateAuditFindings } from './auditLocations';
import { fixAsEval, verifyWithBuilds } from './fixVerification';
import type { AuditFinding, AuditResult } from './auditTypes';

export interface AuditOptions extends ProbeOptions {
  /** The strace program (default: strace on PATH). */
  strace?: string;
  /** What records the build's file accesses (default 'auto': the preloaded recorder where it can be built). */
  recorder?: RecorderChoice;
  maxSandboxBytes?: number;
  /** Verify each fix that changes parallel behaviour (parallel builds with and without it). */
  verify?: boolean;
}

/**
 * The findings whose edits are verified together: every reader of one file from one writer (a generated
 * header twenty objects read undeclared fails the build until all twenty wait for it), one build series each.
 */
export function verificationGroups(findings: AuditFinding[]): AuditFinding[][] {
  const groups = new Map<string, AuditFinding[]>();
  for (const finding of findings) {
    if (!fixAsEval(finding)) continue;
    const key =
      finding.kind === 'shared-output'
        ? `shared\0${finding.target}\0${finding.otherTarget}`
        : `read\0${finding.file}\0${finding.otherTarget}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return [...groups.values()];
}

export async function auditProbe(options: AuditOptions): Promise<AuditResult> {
  return withPreparedBuilds(options, 'audit', async ({ settings, make }) => {
    const chosen = await chooseAccessRecorder(options);
    if (!chosen.ok) throw new ProbeError(`the audit needs a traced build: ${chosen.reason}`, 'refused');
    options.onProgress?.(`traced build (${recorderName(chosen.recorder)}) with make -p`);
    const build = await tracedDatabaseBuild(settings, { ...options, recorder: chosen.recorder });
    if (!build.ok) throw new ProbeError(`the traced build failed: ${build.reason}`, 'make-failed');
    const graph = declaredGraph(
      build.database.files.filter((file) => !file.builtin && file.isTarget && !file.name.startsWith('.')),
    );
    const makefileList = build.database.variables.find((variable) => variable.name === 'MAKEFILE_LIST');
    const raw = auditFindings({
      access: build.access.targets,
      files: build.database.files,
      makefiles: makefileList ? makefileList.value.split(/\s+/).filter(Boolean) : [],
    });
    const locator = new RuleLocator(settings.directory, build.recipes);
    const findings = await locateAuditFindings(raw, locator);
    if (options.verify)
      for (const group of verificationGroups(findings)) {
        const verification = await verifyWithBuilds(settings, make.canShuffle, {
          finding: group[0],
          together: group.slice(1),
          jobs: options.jobs,
          onProgress: options.onProgress,
        });
        for (const finding of group) finding.verification = verification;
      }
    const rules = new Map<string, MakefileLocation>();
    for (const name of build.recipes.keys()) {
      const found = await locator.ruleOf(name);
      if (found) rules.set(name.replace(/^(\.\/)+/, ''), found.location);
    }
    const defaultGoal = build.database.variables.find((variable) => variable.name === '.DEFAULT_GOAL');
    const goals = settings.targets.length > 0 ? settings.targets : [defaultGoal?.value.trim() ?? ''];
    const notes = [...chosen.notes, ...build.notes];
    if (build.exitCode !== 0)
      notes.push(
        'the build failed: targets after the failure were not audited (fix the build, then audit again)',
      );
    return {
      directory: settings.directory,
      targets: settings.targets,
      make: { path: make.path, version: make.version.text },
      findings,
      tracing: tracingStatus(build, 0),
      auditedTargets: build.access.targets.size,
      declaredEdges: [...graph.values()].reduce(
        (sum, rule) => sum + rule.prerequisites.length + rule.orderOnly.length,
        0,
      ),
      exitCode: build.exitCode,
      notes,
      graph: auditGraph(graph, findings, rules, goals),
    };
  });
}
