// Types for system-packages.mjs, so TypeScript tests can import it.
export interface SystemPackage {
  name: string;
  file: string;
  why: string;
}
export declare const chromiumPath: string;
export declare const systemPackages: SystemPackage[];
export declare function missingPackages(): SystemPackage[];
export declare function installLine(names: string[]): string;
export declare function ensureSystemPackages(options?: {
  log?: (message: string) => void;
  isRoot?: boolean;
  missing?: () => SystemPackage[];
  install?: (names: string[]) => void;
}): string[];
