// Typed client settings, read per resource, cached, and cleared when makescope.* changes.
import * as vscode from 'vscode';

export interface ClientSettings {
  makePath: string;
  extraArgs: string[];
  jobs: number;
  environment: Record<string, string>;
  codeLens: boolean;
}

const SECTION = 'makescope';

function read(scope: vscode.Uri | undefined): ClientSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const text = (value: unknown, fallback: string): string =>
    typeof value === 'string' && value.trim() !== '' ? value : fallback;
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const environment: Record<string, string> = {};
  const rawEnvironment = config.get<unknown>('environment');
  if (rawEnvironment && typeof rawEnvironment === 'object') {
    for (const [key, value] of Object.entries(rawEnvironment)) {
      if (typeof value === 'string') environment[key] = value;
    }
  }
  const jobs = config.get<unknown>('jobs');
  return {
    makePath: text(config.get('makePath'), 'make'),
    extraArgs: strings(config.get('extraArgs')),
    jobs: typeof jobs === 'number' && Number.isFinite(jobs) ? Math.max(1, Math.round(jobs)) : 2,
    environment,
    codeLens: config.get<unknown>('codeLens') !== false,
  };
}

export class Settings implements vscode.Disposable {
  private readonly cache = new Map<string, ClientSettings>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) this.cache.clear();
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
