// Typed client settings (contract/settings.ts's schema), read per folder, cached, and cleared when makescope.* changes.
import * as vscode from 'vscode';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SECTION,
  validateSettings,
  type Settings as SharedSettings,
} from '../../contract/settings';

/** The client's settings are the shared schema's: the same validation as the server's. */
export type ClientSettings = SharedSettings;

function read(scope: vscode.Uri | undefined): ClientSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS)) raw[key] = config.get<unknown>(key);
  return validateSettings(raw);
}

export class Settings implements vscode.Disposable {
  private readonly cache = new Map<string, ClientSettings>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) this.cache.clear();
    });
  }

  /** Settings as they apply to `resource` (a makefile or folder); window settings when undefined. */
  get(resource?: vscode.Uri): ClientSettings {
    const folder = resource ? vscode.workspace.getWorkspaceFolder(resource)?.uri : undefined;
    const key = folder?.toString() ?? '';
    let settings = this.cache.get(key);
    if (!settings) {
      settings = read(folder);
      this.cache.set(key, settings);
    }
    return settings;
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}
