// Work done progress for a probe: on the client's token when it sent one, else a server-created one.
import {
  WorkDoneProgress,
  type Connection,
  type ProgressToken,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver/node';

export interface ProbeProgress {
  report(message: string): void;
  done(): void;
}

export async function startProgress(
  connection: Connection,
  token: ProgressToken | undefined,
  title: string,
): Promise<ProbeProgress> {
  if (token !== undefined) {
    const send = (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd): void => {
      void connection.sendProgress(WorkDoneProgress.type, token, value);
    };
    send({ kind: 'begin', title, cancellable: true, message: 'starting' });
    return {
      report: (message) => send({ kind: 'report', message }),
      done: () => send({ kind: 'end' }),
    };
  }
  try {
    const reporter = await connection.window.createWorkDoneProgress();
    reporter.begin(title, undefined, 'starting', true);
    return { report: (message) => reporter.report(message), done: () => reporter.done() };
  } catch {
    return { report: () => undefined, done: () => undefined };
  }
}
