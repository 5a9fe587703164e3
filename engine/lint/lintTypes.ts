// The shapes of the lint engine: a rule, the context it reads, the finding it reports (no LSP types).
import type { FileIndex } from '../analysis/fileIndex';
import type { WorkspaceModel } from '../analysis/workspaceModel';
import type { Range } from '../parser/ast';

/** How a finding is shown; `off` turns its rule off. */
export type LintSeverity = 'off' | 'hint' | 'information' | 'warning' | 'error';

export interface LintFinding {
  /** The rule's code, e.g. `MS101`. */
  code: string;
  range: Range;
  message: string;
  severity: Exclude<LintSeverity, 'off'>;
  /** What the quick fix needs (a target name...), when there is one. */
  data?: Record<string, string>;
}

/** A finding before the rule table gives it its code and severity. */
export type RuleFinding = Pick<LintFinding, 'range' | 'message' | 'data'>;

export interface LintContext {
  model: WorkspaceModel;
  /** The file being linted. */
  index: FileIndex;
  /** The files make reads together with it (includers and includes). */
  project: FileIndex[];
  /** Names set in the environment make would inherit. */
  environment: ReadonlySet<string>;
}

export interface LintRule {
  /** `MS1xx`: stable, what settings and silencing comments name. */
  code: string;
  /** A readable alias accepted wherever the code is (`phony-missing`). */
  name: string;
  defaultSeverity: Exclude<LintSeverity, 'off'>;
  /** Why it matters in GNU make: the README's table and docs/lint.md say the same. */
  rationale: string;
  /** Whether a quick fix exists (the server's code actions). */
  quickFix: boolean;
  check(context: LintContext): RuleFinding[];
  /** Set for the recipe shell checks: found by recipeShell/, which runs programs (trusted workspaces only). */
  runsPrograms?: boolean;
}
