// Loads dist/languageClient.js (built from ./bundle.ts) on first use, never during activation.
import * as path from 'node:path';
import type * as LanguageClientBundle from './bundle';

let loaded: typeof LanguageClientBundle | undefined;

export function languageClientBundle(): typeof LanguageClientBundle {
  // A computed path, so esbuild leaves this require alone and the library stays in its own file.
  const file = path.join(__dirname, 'languageClient.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded on demand
  loaded ??= require(file) as typeof LanguageClientBundle;
  return loaded;
}
