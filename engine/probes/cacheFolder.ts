// Where Makescope keeps what it may reuse across processes (detection answers, the CLI's compiled code).
import { homedir } from 'node:os';
import * as path from 'node:path';

/**
 * $XDG_CACHE_HOME/makescope, else ~/.cache/makescope. MAKESCOPE_CACHE_DIR moves the folder;
 * MAKESCOPE_CACHE_DIR=none keeps nothing (undefined).
 */
export function cacheFolder(): string | undefined {
  const chosen = process.env.MAKESCOPE_CACHE_DIR;
  if (chosen === 'none') return undefined;
  if (chosen !== undefined && chosen !== '') return path.resolve(chosen);
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.cache');
  return path.join(base, 'makescope');
}
