// make's `%` patterns (pattern rules, pattern-specific variables): whether one names a file.

/** Whether a pattern with one `%` (or none: the name itself) matches the name, as make matches it. */
export function patternMatches(pattern: string, name: string): boolean {
  const percent = pattern.indexOf('%');
  if (percent < 0) return pattern === name;
  const prefix = pattern.slice(0, percent);
  const suffix = pattern.slice(percent + 1);
  return name.length >= prefix.length + suffix.length && name.startsWith(prefix) && name.endsWith(suffix);
}
