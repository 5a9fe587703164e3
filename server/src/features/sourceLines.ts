// Where each line of a document's text starts and ends, cut as `text.split(/\r?\n/)` cuts it, without
// making a string per line: a feature reads the few lines it needs from the text itself.
export class SourceLines {
  /** Offset in the text where each line starts. */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  get count(): number {
    return this.starts.length;
  }

  /** Offset of the line's first character; a line past the end starts (empty) at the end. */
  start(line: number): number {
    return line < this.starts.length ? this.starts[line] : this.text.length;
  }

  /** Offset just after the line's last character: before its `\n`, or its `\r\n`. */
  end(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const newline = this.starts[line + 1] - 1;
    return newline > this.starts[line] && this.text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
  }

  length(line: number): number {
    return this.end(line) - this.start(line);
  }

  lineText(line: number): string {
    return this.text.slice(this.start(line), this.end(line));
  }
}
