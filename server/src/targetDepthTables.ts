// The target depths the inlay hints read: one table per answer of make's database and per parse of a
// project's makefiles, kept while that answer or parse is current, so each graph is walked once.
import type { FileIndex } from '../../engine/analysis/fileIndex';
import { staticDependencyGraph } from '../../engine/analysis/staticDependencyGraph';
import { TargetDepths } from '../../engine/analysis/targetDepth';
import { databaseDependencyGraph } from '../../engine/probes/databaseDependencyGraph';
import type { MakeDatabase } from '../../engine/probes/parsers/databaseModel';
import type { DepthSource } from './features/targetDepthHints';

export class TargetDepthTables {
  // The workspace model hands out one array per project and parse; make's database is one object per run.
  private readonly fromText = new WeakMap<readonly FileIndex[], DepthSource>();
  private readonly fromMake = new WeakMap<MakeDatabase, DepthSource>();

  /** make's depths when its database is there, else those of the makefiles' text. */
  for(project: readonly FileIndex[], database: MakeDatabase | undefined): DepthSource {
    if (!database) return this.text(project);
    let source = this.fromMake.get(database);
    if (!source) {
      const written = staticDependencyGraph(project);
      source = { from: 'make', depths: new TargetDepths(databaseDependencyGraph(database, written)) };
      this.fromMake.set(database, source);
    }
    return source;
  }

  private text(project: readonly FileIndex[]): DepthSource {
    let source = this.fromText.get(project);
    if (!source) {
      source = { from: 'text', depths: new TargetDepths(staticDependencyGraph(project)) };
      this.fromText.set(project, source);
    }
    return source;
  }
}
