// Which recorder traces a build's file accesses: the preloaded library (no ptrace stop at each call: a few percent
// over the untraced build) or strace (every process, static ones too: a third over it on these machines).
import { detectTracer, type TracerStatus } from './fileAccessTracer';
import { preloadLibrary } from './preload/preloadLibrary';

export type StraceTracer = Extract<TracerStatus, { ok: true }>;

export type AccessRecorder = { kind: 'preload'; library: string } | { kind: 'strace'; tracer: StraceTracer };

/** 'auto': the preloaded recorder where it can be built, strace otherwise (and for what it cannot see). */
export type RecorderChoice = 'auto' | 'strace';

export interface RecorderRequest {
  signal?: AbortSignal;
  /** The strace program (default: strace on PATH). */
  strace?: string;
  recorder?: RecorderChoice;
}

export type RecorderStatus =
  | { ok: true; recorder: AccessRecorder; notes: string[] }
  | { ok: false; reason: string };

export async function chooseAccessRecorder(request: RecorderRequest): Promise<RecorderStatus> {
  let unavailable: string | undefined;
  if (request.recorder !== 'strace') {
    const preload = await preloadLibrary(request.signal);
    if (preload.ok) return { ok: true, recorder: { kind: 'preload', library: preload.library }, notes: [] };
    unavailable = `the preloaded recorder cannot be used: ${preload.reason}`;
  }
  const tracer = await detectTracer(request.signal, request.strace);
  if (!tracer.ok)
    return { ok: false, reason: unavailable ? `${tracer.reason}; ${unavailable}` : tracer.reason };
  return {
    ok: true,
    recorder: { kind: 'strace', tracer },
    notes: unavailable ? [`${unavailable}: traced under strace`] : [],
  };
}
