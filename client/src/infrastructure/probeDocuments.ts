// Keeps the last probe's output text and opens it as a read-only document in the make-trace or make-database language.
import * as vscode from 'vscode';

export type ProbeLanguage = 'make-trace' | 'make-database';

const SCHEME = 'makescope-probe';
/** The extensions package.json gives the two languages, so the documents open with the right one. */
const EXTENSIONS: Record<ProbeLanguage, string> = { 'make-trace': '.mktrace', 'make-database': '.mkdb' };

export class ProbeDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private last: vscode.Uri | undefined;
  private counter = 0;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);
  }

  /** `name` becomes the document's title, e.g. 'convergence' -> convergence-1.mktrace. */
  remember(name: string, language: ProbeLanguage, text: string): void {
    this.counter += 1;
    const uri = vscode.Uri.from({
      scheme: SCHEME,
      path: `/${name.replace(/\W+/g, '-')}-${this.counter}${EXTENSIONS[language]}`,
    });
    // Only the last few are kept: they are re-rendered from results, never the only copy of anything.
    if (this.texts.size >= 10) this.texts.delete(this.texts.keys().next().value as string);
    this.texts.set(uri.toString(), text);
    this.last = uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '# This probe output is no longer kept; run the probe again.\n';
  }

  async show(): Promise<void> {
    if (!this.last) {
      void vscode.window.showInformationMessage(
        'Makescope: no probe has run yet. Run "Makescope: Check Convergence" first.',
      );
      return;
    }
    const document = await vscode.workspace.openTextDocument(this.last);
    await vscode.window.showTextDocument(document, { preview: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}
