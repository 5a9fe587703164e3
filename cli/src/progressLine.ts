// A probe's progress on one line of a terminal's stderr, rewritten in place and cleared at the end; nothing
// when stderr is a file or a pipe (a CI log keeps only the report).
import type { CommandIO } from './commandSpec';

const CLEAR_LINE = '\r\u001b[K';

export interface ProgressLine {
  /** For the probe's onProgress option: undefined when stderr is not a terminal. */
  onProgress?: (message: string) => void;
  /** Clears the line before the report is printed. */
  done(): void;
}

export function progressLine({ stderr }: CommandIO): ProgressLine {
  if (!stderr.isTTY) return { done: () => undefined };
  return {
    onProgress: (message) => stderr.write(`${CLEAR_LINE}${message}`),
    done: () => stderr.write(CLEAR_LINE),
  };
}
