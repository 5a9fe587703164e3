// LSP latencies over stdio against dist/server.js, workspace indexing time and the server's memory.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Position } from 'vscode-languageserver-protocol';
import { cacheRoot } from './corpus';
import { errorText, notAvailable, type Figure } from './figures';
import { BenchClient, EchoPeer, fileUri, serverPath } from './lspClient';
import { parserIsStub } from './parserBench';
import { median, nowMs, percentile } from './stats';
import { syntheticMakefile } from './synthetic';

const SECTION = 'lsp';
const WORKSPACE_FILES = 1000;
const MARKER = 'bench_marker_';
/** The largest file the after-edit rows are measured on. */
const EDITED_LINES = 10_000;

interface Options {
  quick: boolean;
}

type Method =
  | 'hover'
  | 'definition'
  | 'documentSymbol'
  | 'completion'
  | 'semanticTokens'
  | 'inlayHint'
  | 'semanticTokensEdited'
  | 'inlayHintEdited';
const METHODS: Method[] = [
  'hover',
  'definition',
  'documentSymbol',
  'completion',
  'semanticTokens',
  'inlayHint',
  'semanticTokensEdited',
  'inlayHintEdited',
];

/**
 * The request each method sends, and what its row is called. Asked again without an edit, the outline,
 * the semantic tokens and the inlay hints are answers the server kept; `afterEdit` rows change the first
 * line (a comment) before each request, so the answer is computed again (the parse is forced before the
 * timed request, by an untimed foldingRange request: the row is the feature's own cost).
 */
const REQUESTS: Record<Method, { name: string; label: string; perPosition: boolean; afterEdit?: boolean }> = {
  hover: { name: 'textDocument/hover', label: 'hover (static; resolved values off)', perPosition: true },
  definition: { name: 'textDocument/definition', label: 'definition', perPosition: true },
  documentSymbol: { name: 'textDocument/documentSymbol', label: 'documentSymbol', perPosition: false },
  completion: { name: 'textDocument/completion', label: 'completion', perPosition: true },
  semanticTokens: {
    name: 'textDocument/semanticTokens/full',
    label: 'semantic tokens (full)',
    perPosition: false,
  },
  // The whole file as the range, as a client without viewports asks (VS Code asks for the visible lines).
  inlayHint: { name: 'textDocument/inlayHint', label: 'inlay hints (whole file)', perPosition: false },
  semanticTokensEdited: {
    name: 'textDocument/semanticTokens/full',
    label: 'semantic tokens (full) after an edit',
    perPosition: false,
    afterEdit: true,
  },
  inlayHintEdited: {
    name: 'textDocument/inlayHint',
    label: 'inlay hints (whole file) after an edit',
    perPosition: false,
    afterEdit: true,
  },
};

const perMethod = (): Record<Method, number[]> =>
  Object.fromEntries(METHODS.map((method) => [method, [] as number[]])) as Record<Method, number[]>;

function stubNote(): string {
  return parserIsStub() ? ' [parser is the placeholder stub]' : '';
}

/** Kilobytes from /proc (Linux); undefined elsewhere. */
function procStatus(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return undefined;
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : undefined;
}

async function latencies(lines: number, options: Options): Promise<Figure[]> {
  const generated = syntheticMakefile(lines);
  const dir = path.join(cacheRoot, 'lsp', `${lines}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'Makefile');
  writeFileSync(file, generated.text);
  const uri = fileUri(file);
  // Static answers only: make-resolved values in hovers (which run make) are measured apart. The recipe
  // shell check is off: after the diagnostics it starts sh -n and shellcheck for each recipe (~900 here),
  // and the spawns, on the server's thread, would be timed into every answer (seconds of them on 2 cores).
  // Every kind of inlay hint is on, the target depth too (off by default), so its row pays for all of them.
  const session = await BenchClient.start({
    rootFolder: dir,
    trusted: true,
    settings: {
      resolvedHovers: false,
      lint: { recipeShellCheck: false },
      inlayHints: { targetDepth: true },
    },
  });
  const echo = EchoPeer.start();
  // The statistic's own control: a second echo peer with the same answer, timed against the floor in the
  // same rounds. It does nothing the floor does not, so its share is what the statistic reads for a server
  // that costs nothing (two identical 1 MB echoes differ per round by 5-9 ms at p95 on 2 cores).
  const twin = EchoPeer.start();
  const figures: Figure[] = [];
  try {
    // The echo peer answering before the timed open: its start-up would otherwise run beside the
    // server's first parse (2 cores here) and be timed into the first answer.
    await Promise.all([echo.echo(), twin.echo()]);
    // Open and ask at once: the first answer includes reading and parsing the whole file.
    const openStart = nowMs();
    await session.open(uri, generated.text);
    await session.request('textDocument/documentSymbol', { textDocument: { uri } });
    const firstAnswer = nowMs() - openStart;
    await session.diagnosticsPublished(uri, 60_000);
    const samples = options.quick ? 60 : 300;
    const warmup = options.quick ? 10 : 40;
    const positions: Record<Method, Position[]> = {
      hover: generated.hover,
      definition: generated.definition,
      completion: generated.completion,
      documentSymbol: [],
      semanticTokens: [],
      inlayHint: [],
      semanticTokensEdited: [],
      inlayHintEdited: [],
    };
    const wholeFile = { start: { line: 0, character: 0 }, end: { line: generated.lines, character: 0 } };
    const times = perMethod();
    // Per method, in the same rounds: the answer's floor, the same bytes sent back by an echo peer on the
    // same kind of stdio connection (echoServer.ts), so the transport, the pipe and the client's decode
    // are paid and no server work is.
    const floors = perMethod();
    const twins = perMethod();
    const answerBytes = new Map<Method, number>();
    // After-edit rows on the 5,000-line file only: on the 30,000-line one each sample would parse it again.
    const methods = METHODS.filter((method) => !REQUESTS[method].afterEdit || lines <= EDITED_LINES);
    let version = 1;
    let firstLine = generated.text.slice(0, generated.text.indexOf('\n'));
    // One method at a time, one request in flight: a small answer is not timed right after a
    // multi-megabyte one, whose garbage the client would collect during the next request.
    for (const method of methods) {
      for (let i = 0; i < warmup + samples; i++) {
        const list = positions[method];
        const request = REQUESTS[method];
        const params = request.perPosition
          ? { textDocument: { uri }, position: list[(i * 7919) % list.length] }
          : request.name === 'textDocument/inlayHint'
            ? { textDocument: { uri }, range: wholeFile }
            : { textDocument: { uri } };
        if (request.afterEdit) {
          const edited = `# edit ${++version}`;
          await session.replaceLine(uri, version, 0, firstLine.length, edited);
          firstLine = edited;
          await session.request('textDocument/foldingRange', { textDocument: { uri } });
        }
        if (!answerBytes.has(method)) {
          // The answer the peers send back, asked once untimed (a warm-up round besides).
          const answer = await session.request(request.name, params);
          answerBytes.set(
            method,
            Buffer.byteLength(JSON.stringify({ jsonrpc: '2.0', id: i, result: answer })),
          );
          await Promise.all([echo.remember(answer), twin.remember(answer)]);
        }
        // The three in turn, each first in a third of the rounds: what the one before left (the client's
        // garbage from decoding its answer) falls on each alike.
        const turns: [number[], () => Promise<unknown>][] = [
          [times[method], () => session.request(request.name, params)],
          [floors[method], () => echo.echo()],
          [twins[method], () => twin.echo()],
        ];
        for (let turn = 0; turn < turns.length; turn++) {
          const [into, ask] = turns[(i + turn) % turns.length] as [number[], () => Promise<unknown>];
          const start = nowMs();
          await ask();
          if (i >= warmup) into.push(nowMs() - start);
        }
      }
    }
    const size = lines >= 1000 ? `${Math.round(lines / 1000)}k` : `${lines}`;
    for (const method of methods) {
      // No answer can come faster than the same bytes echoed back over the same kind of connection.
      const answerFloor = floors[method];
      const bytes = answerBytes.get(method) ?? 0;
      const share = shareOver(times[method], answerFloor);
      const control = shareOver(twins[method], answerFloor);
      const answerText =
        `answer ${(bytes / 1024).toFixed(1)} KB, whose floor (the same bytes echoed, ` +
        `per round) is p50 ${median(answerFloor).toFixed(2)} / p95 ${percentile(answerFloor, 95).toFixed(2)} ms`;
      figures.push({
        key: `lsp.${size}.${method}.p95`,
        section: SECTION,
        label: `${REQUESTS[method].label} p95, ${generated.lines.toLocaleString('en-US')}-line file`,
        value: percentile(times[method], 95),
        unit: 'ms',
        peer:
          `p50 ${median(times[method]).toFixed(2)} ms, n=${samples}; ${answerText}; server's share over it ` +
          `p95 ${share.p95.toFixed(2)} ms (p50 ${share.p50.toFixed(2)}); an identical echo peer's, same rounds: ` +
          `p95 ${control.p95.toFixed(2)} ms (per-round differences' p95: server ${share.perRoundP95.toFixed(2)}, ` +
          `echo ${control.perRoundP95.toFixed(2)})${stubNote()}`,
        ratios: { serverShareP95Ms: share.p95 },
        details: {
          p50: median(times[method]),
          p95: percentile(times[method], 95),
          max: Math.max(...times[method]),
          answerBytes: bytes,
          answerFloorP50: median(answerFloor),
          answerFloorP95: percentile(answerFloor, 95),
          serverShareP50: share.p50,
          serverShareP95: share.p95,
          serverSharePerRoundP95: share.perRoundP95,
          twinShareP95: control.p95,
          twinSharePerRoundP95: control.perRoundP95,
        },
      });
    }
    figures.push({
      key: `lsp.${size}.openToFirstSymbolsMs`,
      section: SECTION,
      label: `didOpen -> first documentSymbol answer (includes the parse), ${size} lines`,
      value: firstAnswer,
      unit: 'ms',
      peer: `single cold sample${stubNote()}`,
    });
  } finally {
    await Promise.all([session.stop(), echo.stop(), twin.stop()]);
  }
  return figures;
}

/** What answers timed in the same rounds as `floor` add to it: p50 and p95 over the floor's, and the per-round differences' p95. */
interface Share {
  p50: number;
  p95: number;
  perRoundP95: number;
}

/**
 * The share of `times` over `floor`: the difference of their percentiles. The p95 of per-round differences
 * (`perRoundP95`, kept for information) adds up the two sides' noise: a client collection or a busy core
 * lands on one side of a round, and two identical echo peers read 5-9 ms apart at that p95 for a 1 MB
 * answer, so it could not tell a server that costs nothing from one that costs milliseconds.
 */
function shareOver(times: readonly number[], floor: readonly number[]): Share {
  return {
    p50: median(times) - median(floor),
    p95: percentile(times, 95) - percentile(floor, 95),
    perRoundP95: percentile(
      times.map((t, round) => t - (floor[round] ?? 0)),
      95,
    ),
  };
}

/** Hovers in a trusted workspace with resolved values on: the first hover on a variable runs make. */
async function resolvedHovers(lines: number, options: Options): Promise<Figure> {
  const generated = syntheticMakefile(lines);
  const dir = path.join(cacheRoot, 'lsp', `${lines}`);
  const file = path.join(dir, 'Makefile');
  const uri = fileUri(file);
  const session = await BenchClient.start({ rootFolder: dir, trusted: true, settings: {} });
  try {
    await session.open(uri, readFileSync(file, 'utf8'));
    await session.diagnosticsPublished(uri, 60_000);
    const count = Math.min(generated.hover.length, options.quick ? 8 : 25);
    const hover = (position: Position): Promise<unknown> =>
      session.request('textDocument/hover', { textDocument: { uri }, position });
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < count; i++) {
      const position = generated.hover[i];
      let start = nowMs();
      await hover(position);
      cold.push(nowMs() - start);
      start = nowMs();
      await hover(position);
      warm.push(nowMs() - start);
    }
    return {
      key: `lsp.${lines / 1000}k.resolvedHover.p50`,
      section: SECTION,
      label: `hover with make's resolved value, first hover on a variable (runs make), ${lines / 1000}k lines`,
      value: median(cold),
      unit: 'ms',
      peer: `p95 ${percentile(cold, 95).toFixed(1)} ms, n=${count}; the same hover again (cached) p50 ${median(warm).toFixed(2)} ms${stubNote()}`,
      details: { cold, warm },
    };
  } finally {
    await session.stop();
  }
}

function workspace(): string {
  const dir = path.join(cacheRoot, 'workspace-1000');
  if (existsSync(path.join(dir, `.complete-${WORKSPACE_FILES}`))) return dir;
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < WORKSPACE_FILES; i++) {
    const id = String(i).padStart(4, '0');
    const sub = path.join(dir, `component${id}`);
    mkdirSync(sub, { recursive: true });
    const text = syntheticMakefile(110, { marker: `${MARKER}${id}`, prefix: `c${id}_` }).text;
    writeFileSync(path.join(sub, 'Makefile'), text);
  }
  writeFileSync(path.join(dir, `.complete-${WORKSPACE_FILES}`), '');
  return dir;
}

/** initialize in a folder of 1,000 Makefiles, then workspace/symbol until every file answers. */
async function indexing(options: Options): Promise<Figure[]> {
  const dir = workspace();
  const deadline = options.quick ? 30_000 : 90_000;
  const spawnStart = nowMs();
  const session = await BenchClient.start({ rootFolder: dir, trusted: true, settings: {} });
  const initialized = nowMs();
  try {
    let complete: number | undefined;
    let found = 0;
    let polls = 0;
    while (nowMs() - spawnStart < deadline) {
      const answer = await session.request<Array<{ name: string }> | null>('workspace/symbol', {
        query: MARKER,
      });
      polls++;
      found = new Set((answer ?? []).map((s) => s.name).filter((n) => n.startsWith(MARKER))).size;
      if (found >= WORKSPACE_FILES) {
        complete = nowMs();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const label = `workspace/symbol complete for ${WORKSPACE_FILES} Makefiles (from spawn)`;
    if (complete === undefined) {
      const reason = parserIsStub()
        ? 'parser is the placeholder stub: no symbols'
        : `only ${found} of ${WORKSPACE_FILES} files answered within ${deadline / 1000} s`;
      return [
        notAvailable('lsp.index1000Ms', SECTION, label, 'ms', reason),
        notAvailable('lsp.serverRssMB', SECTION, 'server RSS after indexing', 'MB', reason),
      ];
    }
    const rss = procStatus(session.child.pid, 'VmRSS');
    const hwm = procStatus(session.child.pid, 'VmHWM');
    return [
      {
        key: 'lsp.index1000Ms',
        section: SECTION,
        label,
        value: complete - spawnStart,
        unit: 'ms',
        peer: `${(complete - initialized).toFixed(0)} ms after the initialize answer; ${polls} polls`,
      },
      rss === undefined
        ? notAvailable(
            'lsp.serverRssMB',
            SECTION,
            'server RSS after indexing',
            'MB',
            'no /proc on this platform',
          )
        : {
            key: 'lsp.serverRssMB',
            section: SECTION,
            label: `server RSS after indexing ${WORKSPACE_FILES} Makefiles`,
            value: rss / 1024,
            unit: 'MB',
            peer: `peak RSS ${((hwm ?? rss) / 1024).toFixed(1)} MB`,
          },
    ];
  } finally {
    await session.stop();
  }
}

export async function lspBench(options: Options): Promise<Figure[]> {
  if (!existsSync(serverPath))
    return [notAvailable('lsp.error', SECTION, 'LSP bench', 'ms', 'dist/server.js missing (npm run build)')];
  const figures: Figure[] = [];
  for (const lines of [5000, 30000]) {
    try {
      figures.push(...(await latencies(lines, options)));
      if (lines === 5000) figures.push(await resolvedHovers(lines, options));
    } catch (error) {
      figures.push(
        notAvailable(
          `lsp.${lines / 1000}k.error`,
          SECTION,
          `latencies on ${lines} lines`,
          'ms',
          errorText(error),
        ),
      );
    }
  }
  try {
    figures.push(...(await indexing(options)));
  } catch (error) {
    figures.push(notAvailable('lsp.index1000Ms', SECTION, 'workspace indexing', 'ms', errorText(error)));
  }
  return figures;
}
