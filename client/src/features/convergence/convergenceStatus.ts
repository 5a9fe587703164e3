// The language status item of Makefiles: the last convergence verdict of the default goal and the server's state;
// its link checks again. Shown by VS Code beside the language mode while a Makefile is open (and pinnable).
import * as vscode from 'vscode';
import type { ConvergenceResult } from '../../../../contract/protocol';
import type { ClientHost, ServerState } from '../../infrastructure/clientHost';

type Verdict = { icon: string; text: string; detail: string; severity: vscode.LanguageStatusSeverity };

const { Information, Warning, Error } = vscode.LanguageStatusSeverity;
const NOT_YET: Verdict = {
  icon: 'tools',
  text: 'Makescope',
  detail: 'no convergence check yet',
  severity: Information,
};

export class ConvergenceStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private server: ServerState;
  private busy = false;
  private verdict = NOT_YET;
  private readonly subscription: vscode.Disposable;

  constructor(host: ClientHost) {
    this.server = host.serverState;
    this.subscription = host.onDidChangeServerState((state) => this.setServerState(state));
    this.item = vscode.languages.createLanguageStatusItem('makescope.status', { language: 'makefile' });
    this.item.name = 'Makescope';
    this.item.command = { title: 'Check Again', command: 'makescope.checkConvergence' };
    this.render();
  }

  setServerState(state: ServerState): void {
    this.server = state;
    this.render();
  }

  checking(): void {
    this.busy = true;
    this.render();
  }

  showResult(result: ConvergenceResult, makefile: string): void {
    const stale = result.stale.length;
    this.busy = false;
    this.verdict =
      result.verdict === 'converged'
        ? {
            icon: 'pass',
            text: 'Makescope: converged',
            detail: `${makefile}: the default goal is up to date`,
            severity: Information,
          }
        : {
            icon: 'warning',
            text: `Makescope: ${stale} stale`,
            detail: `${makefile}: ${stale} target(s) would rebuild`,
            severity: Warning,
          };
    this.render();
  }

  showError(kind: string, message: string): void {
    this.busy = false;
    if (kind !== 'cancelled' && kind !== 'untrusted')
      this.verdict = { icon: 'error', text: 'Makescope: error', detail: message, severity: Error };
    this.render();
  }

  private render(): void {
    const server = this.server === 'running' ? 'server ready' : `server ${this.server}`;
    const icon = this.server === 'stopped' ? 'debug-disconnect' : this.verdict.icon;
    this.item.text = `$(${icon}) ${this.verdict.text}`;
    this.item.detail = `${this.busy ? 'checking convergence…' : this.verdict.detail} · ${server}`;
    this.item.busy = this.busy || this.server === 'starting';
    this.item.severity = this.server === 'stopped' ? Error : this.verdict.severity;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
