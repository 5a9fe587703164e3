// The one schema of the `makescope.*` settings (package.json's contributes.configuration): type, default
// and validation, used by the client and the server alike so both see the same value for the same input.
// `makescope.trace.server` is left out: vscode-languageclient reads it itself.
import type { LintSeverity } from '../engine/lint/lintTypes';

export type SandboxPolicy = 'auto' | 'always' | 'never';

export interface Settings {
  /** The make executable (honoured from trusted places only; the client enforces that). */
  makePath: string;
  /** The makefile the commands use in a folder, relative to it; '' when none is set. */
  makefile: string;
  extraArgs: string[];
  jobs: number;
  probeTimeoutSeconds: number;
  sandbox: SandboxPolicy;
  environment: Record<string, string>;
  maxFileSizeMB: number;
  includeDirs: string[];
  codeLens: boolean;
  resolvedHovers: boolean;
  /** `makescope.inlayHints.values`, `.automaticVariables` and `.targetDepth`. */
  inlayHints: InlayHintSettings;
  /** `makescope.lint.rules` and `makescope.lint.recipeShellCheck`. */
  lint: LintSettings;
}

export interface LintSettings {
  /** Severity per lint code or rule name (`{ "MS105": "off" }`); rules not named keep their default. */
  rules: Record<string, LintSeverity>;
  /** Check recipes with `sh -n` and shellcheck (trusted workspaces only: it runs programs). */
  recipeShellCheck: boolean;
}

export interface InlayHintSettings {
  /** After an assignment: make's value (once the resolve probe answered) or the static value of a `:=`. */
  values: boolean;
  /** After `$@`, `$<`, `$^`, ... in a recipe: make's value for the rule. */
  automaticVariables: boolean;
  /**
   * After a rule's target: its depth (edges on the longest chain of prerequisites), from make's database once
   * it has answered, else from the makefiles' text. Off by default: it is an overview, not something every
   * rule line needs to carry.
   */
  targetDepth: boolean;
}

/** The settings section: every key above is `makescope.<key>`. */
export const SETTINGS_SECTION = 'makescope';

export const DEFAULT_SETTINGS: Settings = {
  makePath: 'make',
  makefile: '',
  extraArgs: [],
  jobs: 2,
  probeTimeoutSeconds: 120,
  sandbox: 'auto',
  environment: {},
  maxFileSizeMB: 10,
  includeDirs: [],
  codeLens: true,
  resolvedHovers: true,
  inlayHints: { values: true, automaticVariables: true, targetDepth: false },
  lint: { rules: {}, recipeShellCheck: true },
};

const LINT_SEVERITIES = new Set<string>(['off', 'hint', 'information', 'warning', 'error']);

/**
 * The keys of a dotted group (`makescope.lint.rules` ...) as VS Code hands them over: nested
 * (`lint: { rules }`, a configuration pull) or flat (`'lint.rules'`, a client reading keys one by one).
 */
function group(input: Record<string, unknown>, name: string): Record<string, unknown> {
  const nested =
    input[name] && typeof input[name] === 'object' ? (input[name] as Record<string, unknown>) : {};
  const flat = Object.entries(input)
    .filter(([key]) => key.startsWith(`${name}.`))
    .map(([key, value]) => [key.slice(name.length + 1), value]);
  return { ...nested, ...Object.fromEntries(flat) };
}

/** Bounds of the numeric settings (package.json's minimum/maximum; the upper ones guard against typos). */
export const NUMBER_BOUNDS: Record<
  'jobs' | 'probeTimeoutSeconds' | 'maxFileSizeMB',
  { min: number; max: number }
> = {
  jobs: { min: 1, max: 256 },
  probeTimeoutSeconds: { min: 1, max: 86400 },
  maxFileSizeMB: { min: 0.001, max: 1024 },
};

/** An environment variable name make can pass on (others are dropped). */
const ENVIRONMENT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Accepts whatever a settings store holds and keeps only well-typed values, falling back to the defaults. */
export function validateSettings(raw: unknown): Settings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const text = (value: unknown, fallback: string): string =>
    typeof value === 'string' && value.trim().length > 0 ? value : fallback;
  const number = (key: keyof typeof NUMBER_BOUNDS): number => {
    const value = input[key];
    const { min, max } = NUMBER_BOUNDS[key];
    return typeof value === 'number' && Number.isFinite(value)
      ? Math.min(max, Math.max(min, value))
      : DEFAULT_SETTINGS[key];
  };
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const flag = (key: 'codeLens' | 'resolvedHovers'): boolean =>
    typeof input[key] === 'boolean' ? input[key] : DEFAULT_SETTINGS[key];
  const hints = group(input, 'inlayHints');
  const lint = group(input, 'lint');
  const hintFlag = (key: keyof InlayHintSettings): boolean =>
    typeof hints[key] === 'boolean' ? hints[key] : DEFAULT_SETTINGS.inlayHints[key];
  const environment: Record<string, string> = {};
  if (input.environment && typeof input.environment === 'object') {
    for (const [key, value] of Object.entries(input.environment as Record<string, unknown>)) {
      if (typeof value === 'string' && ENVIRONMENT_NAME.test(key)) environment[key] = value;
    }
  }
  const lintRules: Record<string, LintSeverity> = {};
  const rawRules = lint.rules;
  if (rawRules && typeof rawRules === 'object') {
    for (const [code, severity] of Object.entries(rawRules as Record<string, unknown>)) {
      if (typeof severity === 'string' && LINT_SEVERITIES.has(severity))
        lintRules[code] = severity as LintSeverity;
    }
  }
  const sandbox = input.sandbox === 'always' || input.sandbox === 'never' ? input.sandbox : 'auto';
  return {
    makePath: text(input.makePath, DEFAULT_SETTINGS.makePath),
    makefile: typeof input.makefile === 'string' ? input.makefile.trim() : DEFAULT_SETTINGS.makefile,
    extraArgs: strings(input.extraArgs),
    jobs: Math.round(number('jobs')),
    probeTimeoutSeconds: number('probeTimeoutSeconds'),
    sandbox,
    environment,
    maxFileSizeMB: number('maxFileSizeMB'),
    includeDirs: strings(input.includeDirs),
    codeLens: flag('codeLens'),
    resolvedHovers: flag('resolvedHovers'),
    inlayHints: {
      values: hintFlag('values'),
      automaticVariables: hintFlag('automaticVariables'),
      targetDepth: hintFlag('targetDepth'),
    },
    lint: {
      rules: lintRules,
      recipeShellCheck:
        typeof lint.recipeShellCheck === 'boolean'
          ? lint.recipeShellCheck
          : DEFAULT_SETTINGS.lint.recipeShellCheck,
    },
  };
}
