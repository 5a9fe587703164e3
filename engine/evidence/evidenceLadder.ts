// Runs the evidence ladder in order; each rung only gathers, records its commands and says what it means.
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { parallelDiffProbe } from '../parallel/parallelDiffProbe';
import type { ParallelDiffResult } from '../parallel/parallelTypes';
import { detectMake } from '../probes/capabilities';
import { convergenceProbe, type ConvergenceResult } from '../probes/convergenceProbe';
import { databaseProbe, type DatabaseResult } from '../probes/databaseProbe';
import { dryRunProbe, type DryRunResult } from '../probes/dryRunProbe';
import type { DbVariable } from '../probes/parsers/databaseModel';
import { ProbeError, type ProbeOptions } from '../probes/probeOptions';
import { timingProbe, type TimingResult } from '../probes/timingProbe';
import { auditProbe } from '../audit/auditProbe';
import type { AuditResult } from '../audit/auditTypes';
import { timelineProbe, type TimelineResult } from '../timeline/timelineProbe';
import { traceProbe, type TraceReport } from '../probes/traceProbe';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../version';
import { decideVerdict, evaluateCriteria } from './escalation';
import { auditPointers, gatherFacts } from './evidenceFacts';
import { influentialVariables } from './influence';
import {
  AVOID_EARLY,
  type EvidenceReport,
  type RecordedCommand,
  type Rung,
  type RungId,
  type RungStatus,
} from './evidenceTypes';
import * as interpret from './interpretations';
import { readsAsRace, readsAsSlow } from './symptomWords';
import * as interpretTraced from './tracedRungInterpretations';
import { quoteForDisplay, RunRecorder } from './runRecorder';
import { writtenValues } from './writtenValues';
import { PARALLEL_DIFFERENCES, PARALLEL_JSON, saveParallelDifferences } from './parallelDifferences';

export interface EvidenceOptions extends ProbeOptions {
  symptom?: string;
  /** Folder for the full outputs and the report; nothing is written when undefined. */
  outputDirectory?: string;
  /** Random shuffle seeds / repeated parallel builds for rung 7. */
  runs?: number;
  /** Skip the (isolated) builds: timing's build and serial/parallel. */
  skipBuilds?: boolean;
  /** Add the timeline rung even when the symptom does not read as slowness. */
  timeline?: boolean;
  /** Add the dependency audit rung even when serial and parallel agree and the symptom does not read as a race. */
  audit?: boolean;
}

interface RungSpec<T> {
  id: RungId;
  run: (probe: ProbeOptions) => Promise<T>;
  explain: (result: T) => { status: RungStatus; excerpt: string; interpretation: string };
}

const QUESTIONS: Record<RungId, [string, string]> = {
  symptom: ['Confirm the symptom', 'Which target, at which -j, with which make and which outside variables?'],
  'intended-work': ['Intended work', 'What would make run (make -n)?'],
  causality: ['Causality', 'Why would each target rebuild (make -n --trace)?'],
  'resolved-state': ['Resolved state', 'What does make believe about variables and rules (make -p)?'],
  convergence: ['Convergence', 'Does the build settle after a successful run (make -q after a build)?'],
  timing: ['Parse time against recipe time', 'Is the time spent reading makefiles or running recipes?'],
  timeline: ['Build timeline', 'Which chain of targets bounds the build, and are job slots left idle?'],
  parallel: ['Serial against parallel', 'Does -j change the result (isolated builds)?'],
  audit: ['Dependency audit', 'Does any recipe read or write a file its rule does not declare?'],
  escalation: ['Escalation assessment', 'Is this beyond a local fix?'],
};

export async function collectEvidence(options: EvidenceOptions): Promise<EvidenceReport> {
  const detected = await detectMake(options.make ?? 'make', options.signal);
  if (!detected.ok) throw new ProbeError(detected.message, 'make-missing');
  const out = options.outputDirectory;
  if (out) await mkdir(out, { recursive: true });
  const recorder = new RunRecorder(detected.make.path, out);
  const failures: string[] = [];
  const rungs: Rung[] = [];
  const withTimeline = !options.skipBuilds && (options.timeline === true || readsAsSlow(options.symptom));
  const auditPlanned = !options.skipBuilds && (options.audit === true || readsAsRace(options.symptom));
  let planned = 8 + (withTimeline ? 1 : 0) + (auditPlanned ? 1 : 0);
  const climb = async <T>(spec: RungSpec<T>): Promise<T | undefined> => {
    const commands: RecordedCommand[] = [];
    const started = Date.now();
    const record = recorder.forRung(spec.id, commands);
    const probe: ProbeOptions = {
      ...options,
      onRun: (run) => {
        options.onRun?.(run);
        record(run);
      },
    };
    const [title, question] = QUESTIONS[spec.id];
    let result: T | undefined;
    let explained: { status: RungStatus; excerpt: string; interpretation: string };
    try {
      result = await spec.run(probe);
      explained = spec.explain(result);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      // make refusing the makefiles is itself evidence; anything else means this rung saw nothing.
      const makeFailed = error instanceof ProbeError && error.kind === 'make-failed';
      if (makeFailed) failures.push(error.message);
      explained = {
        status: makeFailed ? 'finding' : 'error',
        excerpt: '',
        interpretation: interpret.failure(error),
      };
    }
    await recorder.flush();
    rungs.push({
      id: spec.id,
      step: rungs.length + 1,
      title,
      question,
      ...explained,
      commands,
      durationMs: Date.now() - started,
      locations: [],
    });
    options.onProgress?.(`${rungs.length}/${planned} ${title}`);
    return result;
  };

  // Read once from the database (and the assignments as written) for the symptom rung and the verdict.
  let influential: DbVariable[] = [];
  const database = await climb<DatabaseResult>({
    id: 'symptom',
    run: async (probe) => {
      const result = await databaseProbe(probe);
      influential = influentialVariables(
        result.database,
        options.targets ?? [],
        await writtenValues(options.directory, result.database),
      );
      return result;
    },
    explain: (result) => interpret.symptom(result, influential, options, detected.make.version.text),
  });
  const dryRun = await climb<DryRunResult>({
    id: 'intended-work',
    run: dryRunProbe,
    explain: (result) => interpret.intendedWork(result, path.resolve(options.directory)),
  });
  const trace = await climb<TraceReport>({
    id: 'causality',
    run: traceProbe,
    explain: (result) => interpret.causality(result, path.resolve(options.directory)),
  });
  await climb<DatabaseResult | undefined>({
    id: 'resolved-state',
    run: async () => database,
    explain: (result) => interpret.resolvedState(result, out ? 'database.txt' : undefined),
  });
  linkDatabaseOutput(rungs);
  const convergence = await climb<ConvergenceResult>({
    id: 'convergence',
    run: (probe) => convergenceProbe({ ...probe, buildFirst: !options.skipBuilds }),
    explain: (result) => interpret.convergence(result, path.resolve(options.directory)),
  });
  const timing = await climb<TimingResult>({
    id: 'timing',
    run: (probe) => timingProbe({ ...probe, build: !options.skipBuilds }),
    explain: interpret.timing,
  });
  const timeline = !withTimeline
    ? undefined
    : await climb<TimelineResult>({
        id: 'timeline',
        run: (probe) =>
          timelineProbe({ ...probe, jobs: options.jobs && options.jobs > 1 ? options.jobs : 2 }),
        explain: interpretTraced.timeline,
      });
  const parallel = options.skipBuilds
    ? await climb<undefined>({
        id: 'parallel',
        run: async () => undefined,
        explain: interpret.parallelSkipped,
      })
    : await climb<ParallelDiffResult>({
        id: 'parallel',
        run: (probe) => parallelDiffProbe({ ...probe, runs: options.runs ?? 2 }),
        explain: interpret.parallel,
      });

  if (timeline) recordTimelineRun(timeline, rungs, path.resolve(options.directory));
  if (parallel) recordParallelRuns(parallel, rungs, path.resolve(options.directory));
  let audit: AuditResult | undefined;
  // A difference between serial and parallel builds calls for the audit: it names the undeclared edge.
  if (!options.skipBuilds && (auditPlanned || racesInParallel(parallel))) {
    if (!auditPlanned) planned++;
    audit = await climb<AuditResult>({
      id: 'audit',
      run: (probe) => auditProbe(probe),
      explain: interpretTraced.audit,
    });
  }
  if (parallel && out) {
    await saveParallelDifferences(parallel, out);
    const rung = rungs.find((candidate) => candidate.id === 'parallel');
    if (rung)
      rung.interpretation += ` What differed, run by run: ${PARALLEL_DIFFERENCES} (all of it: ${PARALLEL_JSON}).`;
  }
  const facts = gatherFacts({
    options,
    database,
    dryRun,
    trace,
    convergence,
    timing,
    parallel,
    timeline,
    audit,
    influential,
    makeVersion: detected.make.version.text,
    rungs,
    failures,
  });
  const criteria = evaluateCriteria(facts);
  const verdict = decideVerdict(criteria, facts, path.resolve(options.directory));
  rungs.push({
    id: 'escalation',
    step: rungs.length + 1,
    title: QUESTIONS.escalation[0],
    question: QUESTIONS.escalation[1],
    status: verdict.kind === 'escalate' ? 'finding' : 'ok',
    commands: [],
    durationMs: 0,
    excerpt: criteria.map((c) => `${c.triggered ? '[x]' : '[ ]'} ${c.title}`).join('\n'),
    interpretation: verdict.summary,
    locations: facts.pointers,
  });
  attachLocations(rungs, facts.pointers);
  // The audit rung lists every undeclared edge it found, also those the parallel rung already points at.
  const auditRung = rungs.find((rung) => rung.id === 'audit');
  if (auditRung) auditRung.locations = auditPointers(audit);

  const report: EvidenceReport = {
    tool: { name: PRODUCT_NAME, version: PRODUCT_VERSION },
    createdAt: new Date().toISOString(),
    directory: path.resolve(options.directory),
    makefile: options.makefile,
    targets: options.targets ?? [],
    jobs: options.jobs ?? 1,
    symptom: options.symptom,
    make: { path: detected.make.path, version: detected.make.version.text },
    rungs,
    criteria,
    verdict,
    avoidEarly: AVOID_EARLY,
    outputDirectory: out,
  };
  return report;
}

/** Serial and parallel builds differ (not merely a build that fails serially too). */
function racesInParallel(result: ParallelDiffResult | undefined): boolean {
  return result !== undefined && result.verdict !== 'clean' && result.verdict !== 'serial-build-failed';
}

/** The timeline's recorded build runs outside the evidence recorder too: its command line, as make was started. */
function recordTimelineRun(result: TimelineResult, rungs: Rung[], directory: string): void {
  const rung = rungs.find((candidate) => candidate.id === 'timeline');
  if (!rung || rung.commands.length > 0) return;
  rung.commands = [
    {
      command: result.command.map(quoteForDisplay).join(' '),
      cwd: directory,
      exitCode: result.exitCode,
      durationMs: Math.round(result.timeline.wallSeconds * 1000),
    },
  ];
}

/** The parallel probe runs its builds itself: its run records name the commands that reproduce them. */
function recordParallelRuns(result: ParallelDiffResult, rungs: Rung[], directory: string): void {
  const rung = rungs.find((candidate) => candidate.id === 'parallel');
  if (!rung || rung.commands.length > 0) return;
  rung.commands = result.runs.map((run) => ({
    command: run.command.map(quoteForDisplay).join(' '),
    cwd: directory,
    exitCode: run.exitCode,
    durationMs: Math.round(run.wallMs),
  }));
}

/** The database dump is the resolved-state rung's evidence, saved under a name a person finds. */
function linkDatabaseOutput(rungs: Rung[]): void {
  const symptom = rungs.find((rung) => rung.id === 'symptom');
  const resolved = rungs.find((rung) => rung.id === 'resolved-state');
  if (symptom && resolved) resolved.commands = symptom.commands.map((c) => ({ ...c }));
}

function attachLocations(rungs: Rung[], pointers: Rung['locations']): void {
  for (const rung of rungs) {
    if (rung.id === 'escalation') continue;
    rung.locations = pointers.filter((pointer) => pointerRung(pointer.ruleId) === rung.id);
  }
}

function pointerRung(ruleId: string): RungId {
  if (ruleId.startsWith('parallel')) return 'parallel';
  if (ruleId.startsWith('audit')) return 'audit';
  if (ruleId.startsWith('timeline')) return 'timeline';
  if (ruleId.startsWith('convergence')) return 'convergence';
  return 'causality';
}
