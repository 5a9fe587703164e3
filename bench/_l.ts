import { readFileSync } from 'node:fs';
import { WorkspaceModel } from '../engine/analysis/workspaceModel';
import { lintFile } from '../engine/lint/lint';
import { LINT_RULES } from '../engine/lint/ruleTable';
import { pathToUri } from '../engine/analysis/uris';
import { parseMakefile } from '../engine/parser/parser';
const file = '/work/main/.cache/bench-corpus/cmake/build/Makefile';
const text = readFileSync(file, 'utf8');
const uri = pathToUri(file);
const environment = new Set(Object.keys(process.env));
const per = new Map<string, number>();
let lintT = 0,
  parseT = 0,
  projT = 0;
const N = Number(process.env.N ?? 40);
for (let i = 0; i < N; i++) {
  let t = performance.now();
  parseMakefile(text);
  if (i >= 5) parseT += performance.now() - t;
  const model = new WorkspaceModel({ maxFileBytes: 10 * 1048576, includeDirs: [] });
  model.openDocument(uri, text, 1);
  const index = model.index(uri)!;
  t = performance.now();
  const project = model.project(uri);
  if (i >= 5) projT += performance.now() - t;
  const context = { model, index, project, environment };
  t = performance.now();
  for (const rule of LINT_RULES) {
    const r0 = performance.now();
    [...rule.check(context)];
    if (i >= 5) per.set(rule.code, (per.get(rule.code) ?? 0) + performance.now() - r0);
  }
  if (i >= 5) lintT += performance.now() - t;
  t = performance.now();
  lintFile(model, uri, { environment });
}
const n = N - 5;
console.log(
  'parse',
  (parseT / n).toFixed(2),
  'project()',
  (projT / n).toFixed(2),
  'rules',
  (lintT / n).toFixed(2),
);
console.log(
  [...per]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([c, v]) => `${c} ${(v / n).toFixed(2)}`)
    .join('\n'),
);
