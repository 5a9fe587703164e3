// Conversions between file paths and file URIs, in one place so every feature agrees on the form.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(filePath: string): string {
  return pathToFileURL(path.resolve(filePath)).toString();
}

/** Canonical form of a file URI, so `file:///a/b` from VS Code and from the server compare equal. */
export function normalizeUri(uri: string): string {
  const filePath = uriToPath(uri);
  return filePath === undefined ? uri : pathToUri(filePath);
}
