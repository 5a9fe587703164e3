// Keeps the last probe's output text and opens it as a document in the make-trace or make-database language.
import * as vscode from 'vscode';

export type ProbeLanguage = 'make-trace' | 'make-database';

interface LastOutput {
  title: string;
  language: ProbeLanguage;
  text: string;
}

export class ProbeOutput {
  private last: LastOutput | undefined;

  remember(title: string, language: ProbeLanguage, text: string): void {
    this.last = { title, language, text };
  }

  async show(): Promise<void> {
    if (!this.last) {
      void vscode.window.showInformationMessage(
        'Makescope: no probe has run yet. Run "Makescope: Check Convergence" first.',
      );
      return;
    }
    const document = await vscode.workspace.openTextDocument({
      language: this.last.language,
      content: this.last.text,
    });
    await vscode.window.showTextDocument(document, { preview: false });
  }
}
