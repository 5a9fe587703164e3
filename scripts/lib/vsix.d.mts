// Types for vsix.mjs, so TypeScript tests can import it.
export declare const vsixPath: string;
export declare function checkPackageContents(): string[];
export declare function buildAndPackage(log?: (message: string) => void): string;
export declare function readmeImages(): string[];
