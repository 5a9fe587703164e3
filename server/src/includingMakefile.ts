// The makefile make reads a file with (its outermost includer): known only once the workspace scan has registered every makefile.
import { uriToPath } from '../../engine/analysis/uris';
import type { FileIndex } from '../../engine/analysis/fileIndex';
import type { WorkspaceModel } from '../../engine/analysis/workspaceModel';
import { withBudget } from './probeRequests/hoverValues';

/** The files make reads together with a file, the first being the makefile make is run on. */
export interface MakefileContext {
  files: FileIndex[];
  makefile: string;
}

/**
 * Before the scan has found the makefile that includes a fragment, the fragment looks like a makefile of
 * its own, and make run on it alone answers wrongly (git's config.mak.uname: CC from make's defaults, not
 * the project's Makefile). So make is asked only after the scan; until then the caller says it is scanning.
 */
export class IncludingMakefile {
  private scanned = false;
  private markScanned: () => void = () => undefined;
  private readonly scan = new Promise<true>((resolve) => {
    this.markScanned = () => resolve(true);
  });

  constructor(private readonly model: WorkspaceModel) {}

  /** The first workspace scan registered what it found (or gave up): includers are known from now on. */
  scanFinished(): void {
    this.scanned = true;
    this.markScanned();
  }

  /** Resolves when the first workspace scan has finished. */
  get finished(): Promise<true> {
    return this.scan;
  }

  /**
   * The context of `uri`, waiting up to `waitMs` for the scan; 'scanning' when it is still running,
   * undefined when the file cannot be read.
   */
  async of(
    uri: string,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<MakefileContext | 'scanning' | undefined> {
    if (!this.scanned && !(await withBudget(this.scan, waitMs, signal))) return 'scanning';
    const files = this.model.project(uri);
    const makefile = files[0] && uriToPath(files[0].uri);
    return makefile ? { files, makefile } : undefined;
  }
}
