// Room: "Makescope: Show Build Timeline": one recorded isolated build through the shared probe runner (trust gate,
// progress with Cancel, the log, Open Settings for a missing make); the spans, critical path, parallelism and idle
// job slots land in the Build Timeline panel beside the editor, which also exports the Chrome trace.
import * as vscode from 'vscode';
import { TimelineRequest, type TimelineAnswer } from '../../../../contract/timeline';
import { timelineFigures } from '../../../../contract/wording/timelineFigures';
import type { ClientServices } from '../../infrastructure/clientServices';
import { chooseMakefile } from '../../infrastructure/probeTarget';
import { TimelinePanel, type TimelinePanelActions } from './timelinePanel';

export const TIMELINE_COMMAND = 'makescope.showTimeline';
const TITLE = 'Show Build Timeline';

/** Arguments a caller (a test, a CodeLens) may pass instead of being asked. */
export interface TimelineArguments {
  /** A makefile URI (string); default: the makefile the other commands use. */
  uri?: string;
  targets?: string[];
}

export function register(services: ClientServices): void {
  services.subscriptions.push(
    vscode.commands.registerCommand(TIMELINE_COMMAND, (args?: TimelineArguments | vscode.Uri) =>
      showTimeline(services, args),
    ),
    vscode.window.registerWebviewPanelSerializer(TimelinePanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) =>
        TimelinePanel.revive(panel, state, panelActions(services)),
    }),
    { dispose: () => TimelinePanel.visible?.dispose() },
  );
}

async function showTimeline(
  services: ClientServices,
  args?: TimelineArguments | vscode.Uri,
): Promise<TimelineAnswer | undefined> {
  const given = args instanceof vscode.Uri ? args : args?.uri ? vscode.Uri.parse(args.uri) : undefined;
  const makefile = given ?? (await chooseMakefile(services, undefined));
  if (!makefile) return undefined;
  const targets = args instanceof vscode.Uri ? [] : (args?.targets ?? []);
  const outcome = await services.runner.run({
    title: TITLE,
    type: TimelineRequest,
    params: { uri: makefile.toString(), targets },
    makefile,
    logProgress: true,
  });
  if (!outcome.ok) return undefined;
  const { result } = outcome;
  services.output.info(`${TITLE}: ${result.directory}`);
  for (const figure of timelineFigures(result.timeline))
    services.output.appendLine(`  ${figure.label}: ${figure.value}`);
  for (const note of result.notes) services.output.appendLine(`  note: ${note}`);
  TimelinePanel.createOrShow(result, makefile.toString(), panelActions(services));
  return result;
}

function panelActions(services: ClientServices): TimelinePanelActions {
  return {
    saved: (file) => {
      services.output.info(`${TITLE}: Chrome trace written to ${file.fsPath}`);
      void vscode.window.showInformationMessage(
        `Makescope: Chrome trace saved to ${vscode.workspace.asRelativePath(file, false)} (open it in ui.perfetto.dev or chrome://tracing)`,
      );
    },
    rerun: (request) => showTimeline(services, request),
  };
}
