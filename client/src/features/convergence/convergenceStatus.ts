// The status bar item: the last convergence verdict of the default goal and the server's state; click checks again.
import * as vscode from 'vscode';
import type { ConvergenceResult } from '../../../../contract/protocol';
import type { ClientHost, ServerState } from '../../infrastructure/clientHost';

export class ConvergenceStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private server: ServerState;
  private readonly subscription: vscode.Disposable;
  private verdict = { icon: 'tools', text: 'Makescope', detail: 'no convergence check yet' };

  constructor(host: ClientHost) {
    this.server = host.serverState;
    this.subscription = host.onDidChangeServerState((state) => this.setServerState(state));
    this.item = vscode.window.createStatusBarItem('makescope.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Makescope';
    this.item.command = { title: 'Check Convergence', command: 'makescope.checkConvergence' };
    this.render();
    this.item.show();
  }

  setServerState(state: ServerState): void {
    this.server = state;
    this.render();
  }

  checking(): void {
    this.verdict = { ...this.verdict, icon: 'sync~spin', detail: 'checking convergence…' };
    this.render();
  }

  showResult(result: ConvergenceResult, makefile: string): void {
    const stale = result.stale.length;
    this.verdict =
      result.verdict === 'converged'
        ? {
            icon: 'pass',
            text: 'Makescope: converged',
            detail: `${makefile}: the default goal is up to date`,
          }
        : {
            icon: 'warning',
            text: `Makescope: ${stale} stale`,
            detail: `${makefile}: ${stale} target(s) would rebuild`,
          };
    this.render();
  }

  showError(kind: string, message: string): void {
    if (kind === 'cancelled' || kind === 'untrusted') {
      this.verdict = {
        ...this.verdict,
        icon: this.verdict.icon === 'sync~spin' ? 'tools' : this.verdict.icon,
      };
    } else {
      this.verdict = { icon: 'error', text: 'Makescope: error', detail: message };
    }
    this.render();
  }

  private render(): void {
    const server = this.server === 'running' ? 'ready' : this.server;
    this.item.text = `$(${this.server === 'stopped' ? 'debug-disconnect' : this.verdict.icon}) ${this.verdict.text}`;
    this.item.tooltip = `${this.verdict.detail}\nLanguage server: ${server}\nClick to check convergence again.`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
