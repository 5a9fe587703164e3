// Read-only in-memory documents for VS Code's diff editor: artifacts and per-target logs of a finished comparison.
import * as vscode from 'vscode';
import type { ParallelDiffResult } from '../../../../contract/parallelDiff';

export const PARALLEL_DIFF_SCHEME = 'makescope-parallel';

/** What the diff editor can show for one difference: an artifact's text or a target's log. */
export interface DiffSubject {
  kind: 'artifact' | 'log';
  run: string;
  /** The artifact path or the target name. */
  name: string;
}

/**
 * The builds' outputs are gone when a comparison ends, so the compared texts live here, in
 * memory only, until the next comparison replaces them or the extension is deactivated.
 */
export class ParallelDiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private texts = new Map<string, string>();
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PARALLEL_DIFF_SCHEME, this);
  }

  /** Replaces the texts with those of `result`. */
  load(result: ParallelDiffResult): void {
    this.generation++;
    const texts = new Map<string, string>();
    for (const difference of result.differences) {
      for (const artifact of difference.artifacts) {
        if (artifact.serialText === undefined || artifact.otherText === undefined) continue;
        texts.set(
          this.key('serial', { kind: 'artifact', run: difference.run, name: artifact.path }),
          artifact.serialText,
        );
        texts.set(
          this.key('other', { kind: 'artifact', run: difference.run, name: artifact.path }),
          artifact.otherText,
        );
      }
      for (const log of difference.logs) {
        texts.set(this.key('serial', { kind: 'log', run: difference.run, name: log.target }), log.serialLog);
        texts.set(this.key('other', { kind: 'log', run: difference.run, name: log.target }), log.otherLog);
      }
    }
    this.texts = texts;
  }

  private key(side: 'serial' | 'other', subject: DiffSubject): string {
    return JSON.stringify([this.generation, side, subject.kind, subject.run, subject.name]);
  }

  private uri(side: 'serial' | 'other', subject: DiffSubject): vscode.Uri {
    const label = side === 'serial' ? 'serial -j1' : subject.run;
    // The path only names the tab; the query is the key of the text.
    return vscode.Uri.from({
      scheme: PARALLEL_DIFF_SCHEME,
      path: `/${label}/${subject.kind === 'log' ? `log of ${subject.name}` : subject.name}`,
      query: this.key(side, subject),
    });
  }

  canDiff(subject: DiffSubject): boolean {
    return this.texts.has(this.key('serial', subject));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.query) ?? '(no longer available: run the comparison again)';
  }

  /** Opens VS Code's diff editor: the serial build on the left, the other run on the right. */
  async openDiff(subject: DiffSubject): Promise<void> {
    if (!this.canDiff(subject)) {
      void vscode.window.showInformationMessage(
        `Makescope: no text to compare for ${subject.name} (binary, larger than 256 KB, or from an earlier comparison).`,
      );
      return;
    }
    const what = subject.kind === 'log' ? `log of ${subject.name}` : subject.name;
    await vscode.commands.executeCommand(
      'vscode.diff',
      this.uri('serial', subject),
      this.uri('other', subject),
      `${what} (serial -j1 ↔ ${subject.run})`,
      // Beside the panel (which stays open in its own column).
      { preview: true, viewColumn: vscode.ViewColumn.One },
    );
  }

  dispose(): void {
    this.texts.clear();
    this.registration.dispose();
    this.changed.dispose();
  }
}
