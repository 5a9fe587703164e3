// The peer parser: tree-sitter-make, as WASM (web-tree-sitter) and as the native Node binding.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type NativeParser from 'tree-sitter';
import { errorText } from './figures';

export interface PeerParser {
  name: string;
  version: string;
  /** Parses and returns whether the tree has ERROR or MISSING nodes. */
  parse(text: string): boolean;
}

export interface Peers {
  wasm?: PeerParser;
  native?: PeerParser;
  wasmNa?: string;
  nativeNa?: string;
}

/** A package's directory, found from its entry point (some packages do not export package.json). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) !== name.split('/').pop()) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json of ${name} not found`);
    dir = parent;
  }
  return dir;
}

function packageVersion(name: string): string {
  const manifest = path.join(packageDir(name), 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

async function loadWasm(): Promise<PeerParser> {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const wasmFile = path.join(packageDir('tree-sitter-make'), 'tree-sitter-make.wasm');
  const language = await Language.load(wasmFile);
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    name: 'tree-sitter-make WASM',
    version: `web-tree-sitter ${packageVersion('web-tree-sitter')}, tree-sitter-make ${packageVersion('tree-sitter-make')}`,
    parse(text) {
      const tree = parser.parse(text);
      if (!tree) return true;
      const hasError = tree.rootNode.hasError;
      tree.delete();
      return hasError;
    },
  };
}

async function loadNative(): Promise<PeerParser> {
  const { default: Parser } = await import('tree-sitter');
  const { default: Make } = await import('tree-sitter-make');
  const parser = new Parser();
  parser.setLanguage(Make as NativeParser.Language);
  return {
    name: 'tree-sitter-make native',
    version: `tree-sitter ${packageVersion('tree-sitter')} (Node binding, prebuilt)`,
    parse(text) {
      // The binding copies input through a buffer; one large enough avoids chunked re-reads.
      const tree = parser.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 2 + 16) });
      return tree.rootNode.hasError;
    },
  };
}

export async function loadPeers(): Promise<Peers> {
  const peers: Peers = {};
  try {
    peers.wasm = await loadWasm();
  } catch (error) {
    peers.wasmNa = `web-tree-sitter/tree-sitter-make WASM not loadable: ${errorText(error)}`;
  }
  try {
    peers.native = await loadNative();
  } catch (error) {
    peers.nativeNa = `native tree-sitter binding not loadable: ${errorText(error)}`;
  }
  return peers;
}
