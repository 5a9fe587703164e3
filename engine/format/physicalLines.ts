// The physical lines of a text as the parser counts them (LF, CRLF or lone CR), each with its terminator.

export interface PhysicalLine {
  /** The line's text without its terminator. */
  content: string;
  /** `\n`, `\r\n`, `\r`, or '' for the last line. */
  eol: string;
  /** Offset of the line's first character in the text. */
  start: number;
}

export function physicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    const eol = c === 13 && text.charCodeAt(i + 1) === 10 ? '\r\n' : c === 13 ? '\r' : '\n';
    lines.push({ content: text.slice(start, i), eol, start });
    i += eol.length - 1;
    start = i + 1;
  }
  lines.push({ content: text.slice(start), eol: '', start });
  return lines;
}

/** True when the line ends in an odd run of backslashes: make joins the next line to it. */
export function continues(content: string): boolean {
  let count = 0;
  for (let i = content.length - 1; i >= 0 && content.charCodeAt(i) === 92; i--) count++;
  return (count & 1) === 1;
}

export function isBlankText(content: string): boolean {
  return /^[ \t]*$/.test(content);
}
