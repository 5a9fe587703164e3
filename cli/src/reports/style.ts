// Terminal styling for reports: ANSI colour only when writing to a TTY (and NO_COLOR is not set).
export interface Style {
  bold(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  /** Lists in full what reports otherwise sum up in one line (--verbose). */
  verbose: boolean;
}

const wrap =
  (enabled: boolean, open: number, close: number) =>
  (text: string): string =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;

export function createStyle(isTTY: boolean | undefined, verbose = false): Style {
  const on = isTTY === true && process.env.NO_COLOR === undefined;
  return {
    bold: wrap(on, 1, 22),
    red: wrap(on, 31, 39),
    green: wrap(on, 32, 39),
    yellow: wrap(on, 33, 39),
    dim: wrap(on, 2, 22),
    verbose,
  };
}

export function location(file: string | undefined, line: number | undefined): string {
  if (file === undefined) return '<builtin>';
  return line === undefined ? file : `${file}:${line}`;
}
