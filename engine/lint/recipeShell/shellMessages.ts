// Reads what `sh -n` / `bash -n` and `shellcheck -f json` say into line, column and message (pure parsers).

export interface ShellSyntaxError {
  /** 1-based line of the script. */
  line: number;
  /** 1-based column, when the message names the offending token and it is found on that line. */
  column?: number;
  length: number;
  message: string;
}

/**
 * dash: `sh: 3: Syntax error: ")" unexpected`; bash: `bash: -c: line 1: syntax error near unexpected token `)'`.
 * Shells give no column: the token they name is looked up on the line they give.
 */
export function parseShellSyntaxError(stderr: string, script: string): ShellSyntaxError | undefined {
  const first = stderr
    .split('\n')
    .find((line) => /syntax error|unexpected|unterminated|expected/i.test(line));
  if (!first) return undefined;
  const lineMatch = /(?:^|:\s*)(?:line\s+)?(\d+):\s*(.*)$/i.exec(first.replace(/^[^:]*:\s*(?:-c:\s*)?/, ''));
  const lineNumber = lineMatch ? Number(lineMatch[1]) : 1;
  const message = (lineMatch?.[2] ?? first).trim();
  const token = /"([^"]+)" unexpected|unexpected token `([^']+)'/.exec(message);
  const found = token?.[1] ?? token?.[2];
  const lines = script.split('\n');
  const text = lines[lineNumber - 1] ?? '';
  const at = found ? text.indexOf(found) : -1;
  if (at >= 0) return { line: lineNumber, column: at + 1, length: found!.length, message };
  return { line: Math.min(lineNumber, lines.length), length: 0, message };
}

export interface ShellcheckComment {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: 'error' | 'warning' | 'info' | 'style';
  code: number;
  message: string;
}

export function parseShellcheckJson(stdout: string): ShellcheckComment[] {
  try {
    const parsed = JSON.parse(stdout) as unknown;
    const list = Array.isArray(parsed) ? parsed : ((parsed as { comments?: unknown[] }).comments ?? []);
    return (list as ShellcheckComment[]).filter(
      (c) => typeof c.line === 'number' && typeof c.column === 'number' && typeof c.code === 'number',
    );
  } catch {
    return [];
  }
}
