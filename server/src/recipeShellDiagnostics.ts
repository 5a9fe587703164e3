// MS201/MS202 in the editor: a makefile's recipes checked by the shell (`-n`) and shellcheck after its static
// diagnostics are out. Trusted workspaces only (it runs programs); a newer edit or closing the document aborts it.
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { uriToPath } from '../../engine/analysis/uris';
import type { WorkspaceModel } from '../../engine/analysis/workspaceModel';
import { lintRecipeShells, severityOf, type LintOptions } from '../../engine/lint/lint';
import { SHELLCHECK_MISSING, shellcheckInstalled } from '../../engine/lint/recipeShell/recipeShellCheck';
import { toDiagnostic } from './features/diagnostics';

export interface RecipeShellGate {
  trusted: boolean;
  /** The makescope.lint.recipeShellCheck setting of the document's folder. */
  enabled: boolean;
}

export class RecipeShellDiagnostics {
  private readonly running = new Map<string, AbortController>();
  /** Why the check is off, per document, as last logged: said again only when it changes. */
  private readonly toldOff = new Map<string, string>();
  private toldShellcheckMissing = false;

  constructor(private readonly log: (line: string) => void) {}

  abort(uri: string): void {
    this.running.get(uri)?.abort();
    this.running.delete(uri);
  }

  /** The shell findings of `uri` as diagnostics; undefined when the check is off, found nothing new or was aborted. */
  async check(
    model: WorkspaceModel,
    uri: string,
    gate: RecipeShellGate,
    options: LintOptions,
  ): Promise<Diagnostic[] | undefined> {
    this.abort(uri);
    const file = uriToPath(uri);
    if (!file) return undefined;
    const off = !gate.trusted
      ? 'the workspace is not trusted (the check runs the shell and shellcheck)'
      : !gate.enabled
        ? 'makescope.lint.recipeShellCheck is false'
        : undefined;
    if (off) {
      if (this.toldOff.get(uri) !== off)
        this.log(`Makescope: recipe shell check (MS201/MS202) off for ${path.basename(file)}: ${off}`);
      this.toldOff.set(uri, off);
      return undefined;
    }
    this.toldOff.delete(uri);
    const controller = new AbortController();
    this.running.set(uri, controller);
    try {
      if (!this.toldShellcheckMissing && severityOf('MS202', options.rules) !== 'off') {
        if (!(await shellcheckInstalled())) {
          this.toldShellcheckMissing = true;
          this.log(`Makescope: ${SHELLCHECK_MISSING}`);
        }
      }
      const findings = await lintRecipeShells(model, uri, {
        ...options,
        cwd: path.dirname(file),
        signal: controller.signal,
      });
      return controller.signal.aborted || findings.length === 0 ? undefined : findings.map(toDiagnostic);
    } catch (error) {
      this.log(`Makescope: recipe shell check of ${path.basename(file)} failed: ${String(error)}`);
      return undefined;
    } finally {
      if (this.running.get(uri) === controller) this.running.delete(uri);
    }
  }
}
