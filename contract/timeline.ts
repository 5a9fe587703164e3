// The build timeline request (makescope/timeline): params and result; the client imports this file.
// The message class alone, like audit.ts: the activation bundle must not load the protocol library.
import { RequestType } from 'vscode-jsonrpc/lib/common/messages';
import type { ChromeTrace } from '../engine/timeline/chromeTrace';
import type { TimelineResult } from '../engine/timeline/timelineProbe';
import type { ProbeErrorData } from './protocol';

export type { TimelineResult } from '../engine/timeline/timelineProbe';
export type { ChromeTrace } from '../engine/timeline/chromeTrace';
export type { ReadSpan, Speedup, Timeline, TimelineSpan } from '../engine/timeline/timelineTypes';

export interface TimelineParams {
  /** A makefile (make runs in its folder with -f) or a folder; default: the first workspace folder. */
  uri?: string;
  targets?: string[];
  /** -j of the recorded build; default: the makescope.jobs setting (at least 2). */
  jobs?: number;
  /**
   * 'jobs' (make reports its jobs through the preloaded library; the default where a C compiler builds it),
   * 'shell' (each recipe line reports through its own shell; the default without one) or 'strace' (every
   * process, slower).
   */
  recorder?: 'jobs' | 'shell' | 'strace';
  /** make's command-line variables (`make NAME=VALUE`), one argument each, never through a shell. */
  commandLineVariables?: Record<string, string>;
  /** Client-side progress token (LSP work done progress); cancel with $/cancelRequest. */
  workDoneToken?: string | number;
}

/** The timeline and its Chrome trace (the editor saves it as is: the client does not run engine code). */
export interface TimelineAnswer extends TimelineResult {
  chromeTrace: ChromeTrace;
}

export const TimelineRequest = new RequestType<TimelineParams, TimelineAnswer, ProbeErrorData>(
  'makescope/timeline',
);
