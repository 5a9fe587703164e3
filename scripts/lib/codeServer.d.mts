// Types for codeServer.mjs, so TypeScript tests can import it.
export interface Scratch {
  root: string;
  home: string;
  userData: string;
  extensions: string;
}

export interface StartOptions {
  scratch: Scratch;
  folder: string;
  /** Leave workspace trust on (no --disable-workspace-trust). */
  trust?: boolean;
  settings?: Record<string, unknown>;
  /** Default 0: the kernel picks a free port as code-server binds it; the port is read from its output. */
  port?: number;
  log?: (line: string) => void;
}

export interface CodeServer {
  port: number;
  origin: string;
  pgid: number;
  folder: string;
  output: string[];
  url(query?: Record<string, string>): string;
  /** Settles with the exit code (or signal) when code-server's main process ends. */
  exited: Promise<number | string | null>;
  stop(): Promise<void>;
}

export declare function makeScratch(label: string): Scratch;
export declare function installExtension(scratch: Scratch, vsix: string): void;
export declare function startCodeServer(options: StartOptions): Promise<CodeServer>;
