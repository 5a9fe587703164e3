// The lines a program printed that say something: trimmed, blank ones left out (what a failure is quoted from).

/** The non-blank lines of `output`, each trimmed, in order. */
export function spokenLines(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
