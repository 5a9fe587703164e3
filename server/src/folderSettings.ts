// Settings per resource: `makescope.*` pulled with the folder as scopeUri (9 settings are resource-scoped, so
// two folders of one workspace may use two makes), cached per workspace folder until settings change.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SETTINGS_SECTION, validateSettings, type Settings } from '../../contract/settings';
import { uriToPath } from '../../engine/analysis/uris';

export interface ConfigurationSource {
  getConfiguration(item: { scopeUri?: string; section: string }): Promise<unknown>;
}

export class FolderSettings {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(
    private readonly source: () => ConfigurationSource | undefined,
    private readonly workspaceFolders: () => readonly string[],
    /** The window's settings: what a folder gets when its own cannot be read. */
    private readonly fallback: () => Settings,
  ) {}

  /** Drops what was pulled: the next request pulls again (a didChangeConfiguration arrived). */
  forget(): void {
    this.cache.clear();
  }

  /** The settings that apply to `uri` (a file or a folder), or the window's without one. */
  for(uri: string | undefined): Promise<Settings> {
    const scope = this.scopeOf(uri);
    let settings = this.cache.get(scope ?? '');
    if (!settings) {
      settings = this.pull(scope);
      this.cache.set(scope ?? '', settings);
    }
    return settings;
  }

  /** The workspace folder holding `uri` (the deepest), as a URI; the URI itself outside every folder. */
  private scopeOf(uri: string | undefined): string | undefined {
    const file = uri && uriToPath(uri);
    if (!file) return uri;
    const folder = this.workspaceFolders()
      .filter((candidate) => file === candidate || file.startsWith(candidate + path.sep))
      .sort((a, b) => b.length - a.length)[0];
    return folder ? pathToFileURL(folder).toString() : uri;
  }

  private async pull(scopeUri: string | undefined): Promise<Settings> {
    const source = this.source();
    if (!source) return this.fallback();
    try {
      return validateSettings(await source.getConfiguration({ scopeUri, section: SETTINGS_SECTION }));
    } catch {
      return this.fallback();
    }
  }
}
