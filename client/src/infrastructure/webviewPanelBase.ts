// What every Makescope webview panel does the same way: it listens to its page's messages, and closing the
// panel (or disposing it) drops the listeners and tells the panel's owner it is gone.
import * as vscode from 'vscode';

export abstract class WebviewPanelBase<Message> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];

  protected constructor(protected readonly panel: vscode.WebviewPanel) {
    this.panel.onDidDispose(() => this.dispose(), null, this.disposables);
    this.panel.webview.onDidReceiveMessage(
      (message: Message) => void this.receive(message),
      null,
      this.disposables,
    );
  }

  /** Handles one message of the panel's page. */
  protected abstract receive(message: Message): Promise<void>;

  /** Called once when the panel goes: the owner forgets it (a later command creates a new one). */
  protected abstract forget(): void;

  dispose(): void {
    this.forget();
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
