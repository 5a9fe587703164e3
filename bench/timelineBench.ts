// The timeline's cost, our part only, against JSON.stringify of the same spans: the engine building it (lanes,
// critical path, parallelism) with its Chrome trace, and the panel's page body for 100,000 spans in the client.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectFolder } from './corpus';
import { engine } from './dist';
import { errorText, formatValue, notAvailable, type Figure } from './figures';
import { interleaved, median, percentile } from './stats';
import { renderPages } from './timelineRender';
import { cached, failure, run } from './tools';
import { chromiumPath } from '../scripts/ensure-vscode.mjs';
import type { ChromeTrace, Timeline, TimelineAnswer } from '../contract/timeline';
import { timelineAnswer } from '../test/shared/timelineShapes';
import type { ReadSpan, TargetSpan as Span } from '../engine/timeline/timelineTypes';

type Graphs = ReturnType<ReturnType<typeof engine>['makeDatabases']>['graphs'];

const SECTION = 'timeline';
const LIBS = 10;
const OBJECTS = 10_000;
const JOBS = 8;
/** The panel's first drawing width (timelinePanel.ts). */
const PANEL_WIDTH = 1000;

/** A recursive project: the top make runs 10 sub-makes in a chain, each archives 10,000 objects. */
function project(): string {
  const dir = projectFolder('timeline-100k');
  cached(dir, `v1-${LIBS}x${OBJECTS}`, () => {
    const libs = Array.from({ length: LIBS }, (_, i) => `lib${i}`);
    const chain = libs.map((lib, i) => (i === 0 ? '' : `${lib}: ${libs[i - 1]}\n`)).join('');
    writeFileSync(
      path.join(dir, 'Makefile'),
      `.PHONY: all ${libs.join(' ')}\nall: app\napp: ${libs.join(' ')}\n\tcc -o $@ ${libs.map((l) => `${l}/${l}.a`).join(' ')}\n${chain}${libs.join(' ')}:\n\t$(MAKE) -C $@\n`,
    );
    for (const lib of libs) {
      const objects = Array.from({ length: OBJECTS }, (_, j) => `o${j}.o`).join(' ');
      projectFolder(path.join('timeline-100k', lib));
      writeFileSync(
        path.join(dir, lib, 'Makefile'),
        `OBJS := ${objects}\n${lib}.a: $(OBJS)\n\tar rcs $@ $^\n$(OBJS):\n\tcc -c -o $@ src.c\n`,
      );
    }
  });
  return dir;
}

/** What `make -p` prints for the build: every make's database (the timeline probe reads them the same way). */
function databases(dir: string): string {
  const file = path.join(dir, 'databases.txt');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  // -n runs no recipe but the sub-makes' ($(MAKE) lines run under -n), and each prints its database
  // (under -q the first sub-make's "not up to date" would stop the chain).
  const result = run('make', ['-pn'], { cwd: dir, timeoutMs: 600_000 });
  if (!result.ok) throw failure('make -pn', result);
  writeFileSync(file, result.stdout);
  return result.stdout;
}

/**
 * The spans a -j8 build of the project would show: each library's objects list-scheduled on 8 job lanes
 * (durations 2-40 ms from a fixed seed), its archive after them, the sub-make's recipe around them, the link last;
 * each make reads its makefiles first (the top make for 10 ms, a sub-make for 2 ms).
 */
function simulatedSpans(
  dir: string,
  objects: number,
): { first: number; last: number; spans: Span[]; reads: ReadSpan[] } {
  let seed = 17;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const spans: Span[] = [];
  const reads: ReadSpan[] = [{ level: 0, start: 0, end: 0.01, pid: 999, makefiles: ['Makefile'] }];
  let pid = 1000;
  let now = 0.01;
  for (let lib = 0; lib < LIBS; lib++) {
    const name = `lib${lib}`;
    const directory = path.join(dir, name);
    const from = now;
    reads.push({ level: 1, start: from, end: from + 0.002, pid: pid++, makefiles: ['Makefile'] });
    const lanes = Array.from({ length: JOBS }, () => from + 0.002);
    for (let j = 0; j < objects; j++) {
      const lane = lanes.indexOf(Math.min(...lanes));
      const start = lanes[lane];
      const end = start + 0.002 + random() * 0.038;
      lanes[lane] = end + 0.0002;
      spans.push({ target: `o${j}.o`, level: 1, directory, start, end, pids: [pid++, pid++] });
    }
    const archiveStart = Math.max(...lanes);
    const archiveEnd = archiveStart + 0.1;
    spans.push({
      target: `${name}.a`,
      level: 1,
      directory,
      start: archiveStart,
      end: archiveEnd,
      pids: [pid++],
    });
    spans.push({
      target: name,
      level: 0,
      directory: dir,
      start: from,
      end: archiveEnd + 0.003,
      pids: [pid++],
    });
    now = archiveEnd + 0.004;
  }
  spans.push({ target: 'app', level: 0, directory: dir, start: now, end: now + 0.05, pids: [pid++] });
  spans.sort((a, b) => a.start - b.start || a.level - b.level);
  return { first: 0, last: now + 0.06, spans, reads };
}

/** The answer the panel gets: a `-j8 -p` build's, around the bench's timeline and trace. */
function answerOf(dir: string, timeline: Timeline, trace: unknown): TimelineAnswer {
  return timelineAnswer(dir, timeline, trace as ChromeTrace);
}

const spanCount = (n: number): string => n.toLocaleString('en-US');

/**
 * The engine's timeline (buildTimeline + chromeTrace) at `objects` per library, against stringifying its
 * spans; the growth from size to size shows whether it stays near-linear. Also the last size's timeline.
 */
function buildRow(
  dir: string,
  graphs: Graphs,
  sizes: readonly number[],
  rounds: number,
): { figure: Figure; timeline: Timeline; trace: ChromeTrace; spans: unknown[] } {
  const { buildTimeline, chromeTrace, traceTitle } = engine();
  let timeline: Timeline | undefined;
  let trace: ChromeTrace | undefined;
  let spans: unknown[] = [];
  const measured = sizes.map((objects) => {
    const parsed = simulatedSpans(dir, objects);
    spans = parsed.spans;
    const [bound, build] = interleaved(
      [
        () => void JSON.stringify(parsed.spans),
        () => {
          timeline = buildTimeline(parsed, graphs, JOBS);
          trace = chromeTrace(timeline, traceTitle(dir));
        },
      ],
      rounds,
      1,
    );
    return {
      spans: parsed.spans.length,
      bound: median(bound),
      build: median(build),
      p95: percentile(build, 95),
      critical: timeline?.criticalPath.length ?? 0,
    };
  });
  if (!timeline || !trace) throw new Error('no timeline was built');
  const last = measured[measured.length - 1];
  const growth = measured
    .map(
      (m) =>
        `${spanCount(m.spans)} spans ${formatValue(m.build, 'ms')} (stringify ${formatValue(m.bound, 'ms')})`,
    )
    .join(', ');
  const figure: Figure = {
    key: 'timeline.build100kMs',
    section: SECTION,
    label: `timeline built from ${spanCount(last.spans)} spans (lanes, sub-makes, critical path, speed-ups, parallelism) + its Chrome trace`,
    value: last.build,
    unit: 'ms',
    peer:
      `JSON.stringify of the same spans ${formatValue(last.bound, 'ms')} (${(last.build / last.bound).toFixed(0)}x it); ` +
      `p95 ${formatValue(last.p95, 'ms')}, n=${rounds}; critical path ${last.critical} spans; growth: ${growth}`,
    ratios: { overStringify: last.build / last.bound },
    details: { measured },
  };
  return { figure, timeline, trace, spans };
}

export async function timelineBench(options: { quick: boolean }): Promise<Figure[]> {
  const buildKey = 'timeline.build100kMs';
  const panelKey = 'timeline.panel100kMs';
  const panelLabel = "timeline panel's page body for 100,000 spans (figures, lists, layout, SVG)";
  const figures: Figure[] = [];
  const rounds = options.quick ? 3 : 7;
  let dir: string;
  let graphs: Graphs;
  try {
    dir = project();
    graphs = engine().makeDatabases(databases(dir)).graphs;
    if (graphs.size !== LIBS + 1) throw new Error(`make printed ${graphs.size} databases, not ${LIBS + 1}`);
  } catch (error) {
    return [
      notAvailable(buildKey, SECTION, 'timeline build', 'ms', errorText(error)),
      notAvailable(panelKey, SECTION, panelLabel, 'ms', errorText(error)),
    ];
  }
  let built: ReturnType<typeof buildRow>;
  try {
    // 5,000, 10,000 and 100,000 spans: the panel below gets the last one's timeline.
    built = buildRow(dir, graphs, [500, 1000, OBJECTS], rounds);
    figures.push(built.figure);
  } catch (error) {
    return [
      notAvailable(buildKey, SECTION, 'timeline build', 'ms', errorText(error)),
      notAvailable(panelKey, SECTION, panelLabel, 'ms', 'the timeline was not built'),
    ];
  }
  try {
    const { timelineBody, summarizeTimeline } = engine();
    const { timeline, trace, spans } = built;
    const answer = answerOf(dir, timeline, trace);
    // What the panel does with an answer: its kept words first, then the page body from them.
    const page = (): string =>
      timelineBody(answer, summarizeTimeline(answer, `file://${dir}/Makefile`), PANEL_WIDTH);
    const [bound, panel] = interleaved([() => void JSON.stringify(spans), () => void page()], rounds, 1);
    const boundMs = median(bound);
    const wireBytes = Buffer.byteLength(JSON.stringify(answer));
    figures.push({
      key: panelKey,
      section: SECTION,
      label: `${panelLabel}, ${PANEL_WIDTH} px wide`,
      value: median(panel),
      unit: 'ms',
      peer:
        `JSON.stringify of the same ${spanCount(timeline.spans.length)} spans ${formatValue(boundMs, 'ms')} ` +
        `(${(median(panel) / boundMs).toFixed(2)}x it); p95 ${formatValue(percentile(panel, 95), 'ms')}, n=${rounds}; ` +
        `page body ${(Buffer.byteLength(page()) / 1024).toFixed(0)} KB; the answer on the wire ${(wireBytes / 1048576).toFixed(1)} MB of JSON`,
      ratios: { overStringify: median(panel) / boundMs },
      details: { spans: timeline.spans.length, bound, panel, wireBytes },
    });
  } catch (error) {
    figures.push(notAvailable(panelKey, SECTION, panelLabel, 'ms', errorText(error)));
  }
  figures.push(await renderRow(dir, built, options.quick ? 3 : 5));
  return figures;
}

/** The panel's whole page for the 100,000-span answer, painted by chromium, beside the same page with no body. */
async function renderRow(
  dir: string,
  built: { timeline: Timeline; trace: unknown },
  rounds: number,
): Promise<Figure> {
  const key = 'timeline.render100kMs';
  const label = 'timeline panel painted by chromium, 100,000 spans (navigation to second frame)';
  if (!existsSync(chromiumPath))
    return notAvailable(
      key,
      SECTION,
      label,
      'ms',
      `no chromium at ${chromiumPath} (node scripts/ensure-vscode.mjs)`,
    );
  try {
    const { timelineBody, summarizeTimeline, webviewPageHtml, timelineStyle, timelineScript } = engine();
    const answer = answerOf(dir, built.timeline, built.trace);
    const summary = summarizeTimeline(answer, `file://${dir}/Makefile`);
    const pageOf = (body: string): string =>
      webviewPageHtml({
        cspSource: "'self'",
        title: 'Build Timeline',
        style: timelineStyle,
        script: timelineScript,
        body,
        state: { summary },
      });
    const [blank, full] = await renderPages(
      [pageOf(''), pageOf(timelineBody(answer, summary, PANEL_WIDTH))],
      rounds,
    );
    const ms = median(full.map((r) => r.ms));
    const bound = median(blank.map((r) => r.ms));
    const longest = Math.max(0, ...full.map((r) => r.longestTaskMs));
    return {
      key,
      section: SECTION,
      label,
      value: ms,
      unit: 'ms',
      peer:
        `the same page with an empty body ${formatValue(bound, 'ms')} (${(ms / bound).toFixed(2)}x it); ` +
        `longest main-thread task ${formatValue(longest, 'ms')}; n=${rounds}`,
      ratios: { overBlankPage: ms / bound },
      details: { full, blank },
    };
  } catch (error) {
    return notAvailable(key, SECTION, label, 'ms', errorText(error));
  }
}
