// Types for ensure-vscode.mjs, so TypeScript tests can import it.
export declare const CODE_SERVER_VERSION: string;
export declare const repoRoot: string;
export declare const cacheDir: string;
export declare const codeServerDir: string;
export declare const codeServerEntry: string;
export declare const chromiumPath: string;
export declare function installedVersion(): string | undefined;
export declare function ensureVsCode(): void;
