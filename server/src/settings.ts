// The server's settings: pulled from the client, validated into a typed object, with defaults.
export type SandboxPolicy = 'auto' | 'always' | 'never';

export interface Settings {
  /** The make executable (honoured from trusted places only; the client enforces that). */
  makePath: string;
  extraArgs: string[];
  jobs: number;
  probeTimeoutSeconds: number;
  sandbox: SandboxPolicy;
  environment: Record<string, string>;
  maxFileSizeMB: number;
  includeDirs: string[];
  codeLens: boolean;
  resolvedHovers: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  makePath: 'make',
  extraArgs: [],
  jobs: 2,
  probeTimeoutSeconds: 120,
  sandbox: 'auto',
  environment: {},
  maxFileSizeMB: 10,
  includeDirs: [],
  codeLens: true,
  resolvedHovers: true,
};

/** Accepts whatever the client sent and keeps only well-typed values, falling back to the defaults. */
export function validateSettings(raw: unknown): Settings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const text = (value: unknown, fallback: string): string =>
    typeof value === 'string' && value.trim().length > 0 ? value : fallback;
  const number = (value: unknown, fallback: number, min: number, max: number): number =>
    typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const environment: Record<string, string> = {};
  if (input.environment && typeof input.environment === 'object') {
    for (const [key, value] of Object.entries(input.environment as Record<string, unknown>)) {
      if (typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) environment[key] = value;
    }
  }
  const sandbox = input.sandbox === 'always' || input.sandbox === 'never' ? input.sandbox : 'auto';
  return {
    makePath: text(input.makePath, DEFAULT_SETTINGS.makePath),
    extraArgs: strings(input.extraArgs),
    jobs: Math.round(number(input.jobs, DEFAULT_SETTINGS.jobs, 1, 256)),
    probeTimeoutSeconds: number(input.probeTimeoutSeconds, DEFAULT_SETTINGS.probeTimeoutSeconds, 1, 86400),
    sandbox,
    environment,
    maxFileSizeMB: number(input.maxFileSizeMB, DEFAULT_SETTINGS.maxFileSizeMB, 0.001, 1024),
    includeDirs: strings(input.includeDirs),
    codeLens: typeof input.codeLens === 'boolean' ? input.codeLens : DEFAULT_SETTINGS.codeLens,
    resolvedHovers:
      typeof input.resolvedHovers === 'boolean' ? input.resolvedHovers : DEFAULT_SETTINGS.resolvedHovers,
  };
}
