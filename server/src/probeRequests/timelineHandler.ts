// Binds makescope/timeline to the engine through the shared probe request runner (queue, progress, cancel).
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { TimelineRequest, type TimelineParams } from '../../../contract/timeline';
import { chromeTrace, traceTitle } from '../../../engine/timeline/chromeTrace';
import { timelineProbe } from '../../../engine/timeline/timelineProbe';
import { ProbeRequests, type ProbeHandlerOptions } from './probeRequest';

function timelineHandler(requests: ProbeRequests) {
  return requests.handler('build timeline', async (probe, params: TimelineParams, settings) => {
    const jobs = params.jobs ?? Math.max(2, settings.jobs);
    const result = await timelineProbe({ ...probe, jobs, recorder: params.recorder });
    return { ...result, chromeTrace: chromeTrace(result.timeline, traceTitle(result.directory)) };
  });
}

/** One timeline outside a server (tests, tools): its own queue. */
export function handleTimeline(
  connection: Connection,
  options: ProbeHandlerOptions,
  params: TimelineParams,
  token: CancellationToken,
) {
  return timelineHandler(new ProbeRequests(connection, options))(params, token);
}

export function registerTimelineHandler(requests: ProbeRequests, connection: Connection): void {
  connection.onRequest(TimelineRequest, timelineHandler(requests));
}
