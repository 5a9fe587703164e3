// textDocument/documentLink: include paths and `$(MAKE) -C dir` calls link to the makefiles they read.
import type { DocumentLink } from 'vscode-languageserver';
import type { WorkspaceModel } from '../../../engine/analysis/workspaceModel';

export function documentLinks(model: WorkspaceModel, uri: string): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const include of model.includesOf(uri)) {
    if (include.targetUri) links.push({ range: include.site.word.range, target: include.targetUri });
  }
  for (const call of model.subMakesOf(uri)) {
    if (call.targetUri)
      links.push({ range: call.range, target: call.targetUri, tooltip: `sub-make in ${call.directory}` });
  }
  return links;
}
